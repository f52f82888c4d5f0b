/**
 * The words that name a dimension's value: fixed vocabularies (countries by
 * English name, adjective and ISO code; women and men; age bands; deal
 * stages; RFM segments; engagement bands) and the workspace's own values
 * (plans, channels, categories, owners, sources). Each maps to the canonical
 * value of questions.md v2. A word that is also an ordinary word ("new",
 * "lost", "high") counts only beside its dimension's name ("the new
 * segment", "high engagement").
 */
import type { Country } from "world-countries";
import worldCountries from "world-countries";
import { dimensionIds, dimensions } from "../metrics/dimensions.js";
import type { DimensionId } from "../metrics/types.js";
import { plainText } from "../reading/plain.js";
import { segmentRules } from "../segments/rfm.js";
import { isEnglishWord } from "./nlp.js";
import { allowedEdits, editDistance } from "./typos.js";
import { correctTypos } from "./understand.js";
import { vocabulary } from "./vocabulary.js";
import type { WorkspaceValues } from "./workspace-values.js";

export interface ValueWord {
  /** As the cleaned question writes it: lower case, no punctuation. */
  text: string;
  dimension: DimensionId;
  value: string;
  /** Only beside the dimension's own name ("the new segment"). */
  needsDimensionWord: boolean;
}

// The package is CommonJS whose types declare an ES default: at run time the default import is the array.
const countries = worldCountries as unknown as readonly Country[];

/** Ordinary English that a business may also use as a value ("other", "direct", "new"). */
const ordinary = new Set(
  "a an the and or of in on at to by for from with all any none other others unknown n a na null new old lost won lead leads high low medium none free paid direct other us it is as be me my no so up we do go if id".split(
    " ",
  ),
);

/** Two-letter ISO codes that are English words: never read as a country. */
const englishCodes = new Set(
  "am an as at be by do go he hi id if in is it me my no of on or so to up us we".split(" "),
);

const genders: [string, string][] = [
  ["women", "f"],
  ["woman", "f"],
  ["female", "f"],
  ["females", "f"],
  ["ladies", "f"],
  ["men", "m"],
  ["man", "m"],
  ["male", "m"],
  ["males", "m"],
  ["gentlemen", "m"],
  ["non binary", "x"],
  ["nonbinary", "x"],
];

/** Age bands of metrics.md, by the ways people write them. */
function ageWords(): ValueWord[] {
  const words: ValueWord[] = [];
  const add = (text: string, value: string) =>
    words.push({ text, dimension: "age_band", value, needsDimensionWord: false });
  for (const [lo, hi] of [
    [18, 24],
    [25, 34],
    [35, 44],
    [45, 54],
    [55, 64],
  ] as const) {
    const band = `${lo}-${hi}`;
    for (const joiner of ["-", " to ", " "]) {
      add(`${lo}${joiner}${hi}`, band);
      add(`aged ${lo}${joiner}${hi}`, band);
      add(`${lo}${joiner}${hi} year olds`, band);
    }
  }
  for (const text of [
    "65",
    "65 and over",
    "65 and older",
    "65 or older",
    "65 plus",
    "over 65",
    "older than 65",
    "aged 65",
    "seniors",
  ])
    add(text, "65+");
  for (const text of ["under 18", "younger than 18", "minors"]) add(text, "under 18");
  // "65" alone is a number: only beside "age" or "aged".
  return words.map((w) => (w.text === "65" ? { ...w, needsDimensionWord: true } : w));
}

function fixedWords(): ValueWord[] {
  const words: ValueWord[] = [];
  const add = (text: string, dimension: DimensionId, value: string, needs = false) => {
    const cleaned = plainText(text);
    if (cleaned) words.push({ text: cleaned, dimension, value, needsDimensionWord: needs });
  };
  // A name several countries share ("Dutch": NL and BQ, "French": FR and TF)
  // means the independent one; only names shared by peers stay ambiguous.
  const byName = new Map<string, { code: string; independent: boolean }[]>();
  for (const country of countries) {
    const code = country.cca2.toUpperCase();
    const names = new Set([
      country.name.common,
      country.name.official,
      country.demonyms?.eng?.m,
      country.demonyms?.eng?.f,
      ...country.altSpellings.filter((a) => a.length > 3),
    ]);
    for (const name of names)
      if (name) {
        const key = name.toLowerCase();
        byName.set(key, [
          ...(byName.get(key) ?? []),
          { code, independent: country.independent === true },
        ]);
      }
  }
  for (const [name, owners] of byName) {
    const independent = owners.filter((o) => o.independent);
    for (const { code } of independent.length > 0 ? independent : owners)
      add(name, "country", code);
  }
  for (const [text, code] of [
    ["usa", "US"],
    ["u s a", "US"],
    ["the us", "US"],
    ["the u s", "US"],
    ["america", "US"],
    ["uk", "GB"],
    ["u k", "GB"],
    ["britain", "GB"],
    ["england", "GB"],
    ["uae", "AE"],
    ["holland", "NL"],
  ] as const)
    add(text, "country", code);
  // Codes written in capitals (see `markCountryCodes`), the English words among them too.
  for (const country of countries)
    words.push({
      text: `${CODE_MARK}${country.cca2.toLowerCase()}`,
      dimension: "country",
      value: country.cca2.toUpperCase(),
      needsDimensionWord: false,
    });
  for (const [text, value] of genders) add(text, "gender", value);
  words.push(...ageWords());
  for (const stage of ["qualified", "proposal", "proposals", "negotiation", "negotiations"])
    add(stage, "stage", stage.replace(/s$/, ""));
  for (const stage of ["lead", "won", "lost"]) add(stage, "stage", stage, true);
  for (const rule of segmentRules) {
    const needs = ["new", "lost", "at_risk"].includes(rule.segment);
    add(rule.label, "segment", rule.segment, needs);
  }
  add("needs attention", "segment", "need_attention");
  add("cant lose them", "segment", "cannot_lose_them");
  add("can t lose them", "segment", "cannot_lose_them");
  add("loyalists", "segment", "potential_loyalists");
  for (const [text, value] of [
    ["highly engaged", "high"],
    ["very engaged", "high"],
    ["not engaged", "none"],
    ["unengaged", "none"],
    ["disengaged", "none"],
  ] as const)
    add(text, "engagement", value);
  for (const band of ["high", "medium", "low", "none", "no"])
    add(band, "engagement", band === "no" ? "none" : band, true);
  return words;
}

/** How a country code written in capitals reads once marked: a word no question writes. */
const CODE_MARK = "code_";
const isoCodes = new Set(countries.map((c) => c.cca2.toUpperCase()));

/**
 * "revenue from US customers", "orders in DE and AT": a two-letter code written
 * in capitals, in a question that is not all capitals, is a country even when
 * it is also an English word ("US", "AT", "IN"), unless it is one of the
 * business's own values of another dimension (a channel "TV"). "non-US" and
 * "US-based" are the United States in any case. Runs on the raw question,
 * before it is lower-cased.
 */
export function markCountryCodes(raw: string, values: WorkspaceValues): string {
  const marked = raw.replace(
    /\b(non[- ]?)us\b|\bus(?=[- ]based\b)/gi,
    (_, non: string | undefined) => `${non ?? ""}${CODE_MARK}us`,
  );
  if (!/\p{Ll}/u.test(marked)) return marked;
  const own = new Set(
    dimensionIds
      .filter((d) => d !== "country")
      .flatMap((d) => (values[d] ?? []).map((v) => v.toUpperCase())),
  );
  return marked.replace(/(?<![\p{L}\p{N}_'’.-])([A-Z]{2})(?![\p{L}\p{N}_'’-])/gu, (code: string) =>
    isoCodes.has(code) && !own.has(code) ? `${CODE_MARK}${code.toLowerCase()}` : code,
  );
}

let fixed: ValueWord[] | null = null;
const compiled = new WeakMap<WorkspaceValues, ValueWord[]>();

/** Metric, dimension and ordinary words: a workspace value spelled like one needs its dimension's name. */
function isVocabularyWord(text: string): boolean {
  const { metrics, dimensions: dims } = vocabulary();
  return (
    ordinary.has(text) || metrics.some((p) => p.text === text) || dims.some((p) => p.text === text)
  );
}

/** Every value word of the fixed vocabularies and of this workspace. */
export function valueWords(values: WorkspaceValues): ValueWord[] {
  const hit = compiled.get(values);
  if (hit) return hit;
  fixed ??= fixedWords();
  const words = [...fixed];
  for (const dimension of dimensionIds) {
    for (const value of values[dimension] ?? []) {
      if (dimension === "country") {
        const code = value.toLowerCase();
        if (code.length === 2 && !englishCodes.has(code))
          words.push({
            text: code,
            dimension,
            value: value.toUpperCase(),
            needsDimensionWord: false,
          });
        continue;
      }
      const text = plainText(value);
      if (!text) continue;
      words.push({ text, dimension, value, needsDimensionWord: isVocabularyWord(text) });
      // "Credit card (automatic)" is said "credit card": the value without its bracketed note,
      // when that names no other value.
      const plain = plainText(value.replace(/\s*\([^)]*\)\s*/g, " "));
      if (plain && plain !== text && !(values[dimension] ?? []).some((v) => plainText(v) === plain))
        words.push({ text: plain, dimension, value, needsDimensionWord: isVocabularyWord(plain) });
      // "Amber's win rate" for owner "Amber Lee": people go by their first name, when no other
      // owner shares it.
      const first = text.split(" ")[0]!;
      if (
        dimension === "owner" &&
        first !== text &&
        (values.owner ?? []).filter((v) => plainText(v).split(" ")[0] === first).length === 1
      )
        words.push({ text: first, dimension, value, needsDimensionWord: isVocabularyWord(first) });
      // "referrals", "partners": the plural names the same value; "shoe sales": so does the
      // singular of a plural value, when no other value is written that way.
      const other = /[a-z]$/.test(text) && !text.endsWith("s") ? `${text}s` : singularOf(text);
      if (other && !(values[dimension] ?? []).some((v) => plainText(v) === other))
        words.push({ text: other, dimension, value, needsDimensionWord: isVocabularyWord(other) });
    }
  }
  compiled.set(values, words);
  return words;
}

/** "shoes" -> "shoe", "accessories" -> "accessory", "gift sets" -> "gift set"; null when not a plural. */
function singularOf(text: string): string | null {
  if (!/[a-z]s$/.test(text) || /(?:ss|us|is)$/.test(text)) return null;
  return text.endsWith("ies") ? `${text.slice(0, -3)}y` : text.slice(0, -1);
}

/** The names of a dimension a value may stand beside: "plan", "tier", "segment", "engaged". */
export function dimensionWords(dimension: DimensionId): string[] {
  const d = dimensions[dimension];
  const extra: Partial<Record<DimensionId, string[]>> = {
    engagement: ["engaged", "engagement"],
    age_band: ["aged", "age", "year olds", "years old"],
    country: ["country", "market"],
  };
  return [
    ...new Set([d.label, d.id.replace(/_/g, " "), ...d.synonyms, ...(extra[dimension] ?? [])]),
  ]
    .map((w) => plainText(w))
    .filter((w) => w.length > 0);
}

const singleWords = new WeakMap<WorkspaceValues, Map<string, [string, string][]>>();
const valueTypoCache = new WeakMap<WorkspaceValues, Map<string, string>>();

/** The one-word value texts by first letter, each with what it names ("brazil" and "brazilian" both name country BR). */
function oneWordValues(values: WorkspaceValues): Map<string, [string, string][]> {
  let byFirst = singleWords.get(values);
  if (!byFirst) {
    const named = new Map<string, string>();
    for (const w of valueWords(values))
      if (/^[a-z]+$/.test(w.text) && !w.needsDimensionWord)
        named.set(w.text, [named.get(w.text), `${w.dimension}:${w.value}`].filter(Boolean).join());
    byFirst = new Map();
    for (const entry of named) {
      const first = entry[0][0]!;
      byFirst.set(first, [...(byFirst.get(first) ?? []), entry]);
    }
    singleWords.set(values, byFirst);
  }
  return byFirst;
}

/** The one-word value a typo was meant as, or the word itself. */
function nearestValue(word: string, candidates: [string, string][]): string {
  if (isEnglishWord(word) || correctTypos(word) !== word) return word;
  const limit = allowedEdits(word.length);
  let best: { text: string; distance: number; names: Set<string> } | null = null;
  for (const [candidate, names] of candidates) {
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const distance = editDistance(word, candidate, limit);
    if (distance > limit || (best && distance > best.distance)) continue;
    if (best && distance === best.distance) best.names.add(names);
    else best = { text: candidate, distance, names: new Set([names]) };
  }
  return best && best.names.size === 1 ? best.text : word;
}

/**
 * "revenue in Germnay", "orders from Brazli": a word that is no English word,
 * no typo of a metric or time word and no value, within the edits a typo may
 * carry of one-word values (same first letter) that all name one value, is
 * the nearest of them.
 */
export function correctValueTypos(text: string, values: WorkspaceValues): string {
  const byFirst = oneWordValues(values);
  const cache = valueTypoCache.get(values) ?? new Map<string, string>();
  valueTypoCache.set(values, cache);
  return text
    .split(" ")
    .map((word) => {
      if (word.length < 5 || !/^[a-z]+$/.test(word)) return word;
      const candidates = byFirst.get(word[0]!) ?? [];
      if (candidates.some(([w]) => w === word)) return word;
      let result = cache.get(word);
      if (result === undefined) {
        result = nearestValue(word, candidates);
        if (cache.size < 10_000) cache.set(word, result);
      }
      return result;
    })
    .join(" ");
}
