/**
 * A question in fi, fa, hy, ka or am becomes English-canonical words for
 * the English reader: each word is split into prefix + stem + ending by its
 * language's morphology, phrases of the lexicon are matched on the stems
 * (longest first), and the few rules of word order the English reader needs
 * are applied (a postposition goes before what it governs, fa modifiers
 * before their noun). Each English word remembers the word it came from, so
 * what the reader did not use is named back as it was written.
 */

import { addDays } from "../metrics/calendar.js";
import type { WorkspaceValues } from "../questions/workspace-values.js";
import {
  type CalendarId,
  inCalendar,
  latestMonth,
  monthRange,
  periodRange,
  yearRange,
} from "./calendars.js";
import { normalise } from "./normalise.js";
import { matchValue } from "./transliterate.js";
import type { Adds, Kind, Language } from "./types.js";

/** One written word, split every way its morphology allows. */
interface Analysis {
  key: string;
  prefix: Adds | null;
  ending: string;
}

interface Entry {
  keys: string[];
  /** The first word as written in the lexicon (before its stem key): an exact match wins a tie. */
  first: string;
  english: string;
  kind: Kind | undefined;
}

/** A piece of the English text and the written words it came from. */
interface Unit {
  english: string;
  kind: Kind | undefined;
  source: string;
  /** "in", "from", "to", "by", "each" from a case ending or a prefix; dropped when a postposition governs the unit. */
  pre: string;
}

export interface Translation {
  /** English-canonical words, for the English reader. */
  text: string;
  /** English word -> the word as written, to name back what was not used. */
  sources: ReadonlyMap<string, string>;
  /** The calendar the question's dates were named in (an answer names its range in it). */
  calendar: CalendarId;
}

interface Compiled {
  language: Language;
  byFirst: Map<string, Entry[]>;
  numbers: Map<string, number>;
}

const compiled = new Map<Language, Compiled>();

function compile(language: Language): Compiled {
  const hit = compiled.get(language);
  if (hit) return hit;
  const { fold, morphology } = language;
  const byFirst = new Map<string, Entry[]>();
  for (const [forms, english, kind] of language.lexicon) {
    for (const form of forms.split("|")) {
      const written = fold(normalise(form))
        .split(/\s+/)
        .filter((w) => w.length > 0);
      const keys = written.map(morphology.stemKey);
      if (keys.length === 0) continue;
      const list = byFirst.get(keys[0]!) ?? [];
      list.push({ keys, first: written[0]!, english, kind });
      byFirst.set(keys[0]!, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  const numbers = new Map(
    Object.entries(language.numbers).map(([w, n]) => [morphology.stemKey(fold(normalise(w))), n]),
  );
  const made = { language, byFirst, numbers };
  compiled.set(language, made);
  return made;
}

/** Every split of a word into (prefix) + stem + ending, the whole word first. */
function analyse(word: string, language: Language): Analysis[] {
  const { morphology } = language;
  const out: Analysis[] = [];
  const seen = new Set<string>();
  const starts: [string, Adds | null][] = [[word, null]];
  for (const [prefix, adds] of morphology.prefixes)
    if (word.startsWith(prefix) && word.length - prefix.length >= morphology.minStem)
      starts.push([word.slice(prefix.length), adds]);
  for (const [rest, prefix] of starts) {
    for (let cut = rest.length; cut >= Math.min(morphology.minStem, rest.length); cut--) {
      const ending = rest.slice(cut);
      if (ending !== "" && !morphology.endings.test(ending)) continue;
      const key = morphology.stemKey(rest.slice(0, cut));
      const id = `${key}|${ending}|${prefix ? "p" : ""}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ key, prefix, ending });
    }
  }
  return out;
}

/** The single-word entry an analysis names, if any. */
function entryOf(
  analyses: Analysis[],
  language: Language,
): { entry: Entry; analysis: Analysis } | null {
  const { byFirst } = compile(language);
  for (const analysis of analyses) {
    const entry = byFirst.get(analysis.key)?.find((e) => e.keys.length === 1);
    if (entry) return { entry, analysis };
  }
  return null;
}

/** A compound of two known words, the head last ("kahvimyynti", "asiakaspoistuma"): the longest head first. */
function splitCompound(
  word: string,
  language: Language,
): { english: string; kind: Kind | undefined } | null {
  const { byFirst } = compile(language);
  for (let k = 3; k <= word.length - 3; k++) {
    const left = word.slice(0, k);
    const modifier = byFirst
      .get(language.morphology.stemKey(left))
      ?.find((e) => e.keys.length === 1);
    if (!modifier || modifier.english === "") continue;
    const head = entryOf(analyse(word.slice(k), language), language);
    if (!head || head.entry.english === "") continue;
    return { english: `${modifier.english} ${head.entry.english}`, kind: head.entry.kind };
  }
  return null;
}

/** Punctuation between words; ":" and "-" are kept inside a word (NPS:n, NPS-ը, 2026-03-03). */
const separators = /[\s,;!?()[\]{}"«»“”„…؟،؛።፣፤፥፦፧፨፡|/\\]+/u;

/** The written words: glued affixes on Latin tokens and numbers split off (NPS:n, Q3-ში, 2025-ին). */
function words(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(separators)) {
    const word = raw.replace(/^[.:'’\-–—]+|[.:'’\-–—]+$/g, "").replace(/[։՝]/g, "");
    if (word === "") continue;
    // "tammi–maaliskuussa": a dash range.
    const dash = word.split(/[–—]/);
    if (dash.length === 2 && dash[0] && dash[1]) {
      // Finnish shortens the first month of a range: "tammi–maaliskuussa".
      const first = /kuu/.test(dash[1]) && !/kuu/.test(dash[0]) ? `${dash[0]}kuu` : dash[0];
      out.push(first, "–", dash[1]);
      continue;
    }
    // NPS:n, Q3:lla, 2025:ssä: the Finnish ending after a colon.
    const colon = /^([\p{L}\p{N}]+):\p{L}+$/u.exec(word);
    if (colon) {
      out.push(colon[1]!);
      continue;
    }
    // 18-24, 2026-03-03, 3.3.2026: numbers stay whole.
    if (/^[\d.\-/%]+$/.test(word)) {
      out.push(word);
      continue;
    }
    // በ2025, የNPS: a native prefix glued to a number or a Latin word.
    const glued = /^([^\p{Script=Latin}\d]+)([\p{Script=Latin}\d].*)$/u.exec(word);
    if (glued) {
      out.push(glued[1]!, glued[2]!);
      continue;
    }
    // NPS-ը, 2025-ին, pro-paketti, churn-aste: a hyphen between a Latin word or number and a
    // native ending keeps the ending on the word; between two words, two words.
    const hyphen = word.split("-");
    if (
      hyphen.length === 2 &&
      /^[a-z0-9.%]+$/.test(hyphen[0]!) &&
      /^[^a-z0-9]+$/.test(hyphen[1]!)
    ) {
      out.push(hyphen[0]!);
      continue;
    }
    if (hyphen.length > 1) {
      for (const part of hyphen) if (part) out.push(part);
      continue;
    }
    out.push(word);
  }
  return out;
}

/** The dimensions whose values are the business's own words, in the order a clash is settled. */
const ownDimensions = ["owner", "plan", "channel", "category", "source"] as const;

function workspaceValue(analyses: Analysis[], values: WorkspaceValues): string | null {
  for (const dimension of ownDimensions) {
    const list = values[dimension];
    if (!list || list.length === 0) continue;
    for (const a of analyses) {
      const found = matchValue(a.key, list);
      if (found) return found;
    }
  }
  return null;
}

/** What a case ending or a prefix adds to this kind of word. */
function added(analysis: Analysis, kind: Kind | undefined, language: Language): string {
  if (!kind) return "";
  if (analysis.prefix?.[kind]) return analysis.prefix[kind]!;
  for (const [ending, adds] of language.morphology.caseWords)
    if (adds[kind] && ending.test(analysis.ending)) return adds[kind]!;
  return "";
}

/** What a translation reads besides the words: the workspace's values, today, its calendar. */
export interface TranslateContext {
  values?: WorkspaceValues;
  /** The workspace-local date: a native month is the latest one begun by then. */
  today?: string;
  /** The calendar relative words ("last month") follow. */
  calendar?: CalendarId;
}

export function translate(
  text: string,
  language: Language,
  { values = {}, today, calendar = "gregorian" }: TranslateContext = {},
): Translation {
  const { byFirst, numbers } = compile(language);
  const originals = words(normalise(text));
  const written = originals.map((w) => language.fold(w));
  const analyses = written.map((w) => analyse(w, language));
  const units: Unit[] = [];
  for (let i = 0; i < written.length; ) {
    const mine = analyses[i]!;
    let best: { entry: Entry; analysis: Analysis; last: Analysis } | null = null;
    for (const analysis of mine) {
      for (const entry of byFirst.get(analysis.key) ?? []) {
        // Longest first; between two of one length, the one written exactly so (am አመጣ is no አመት).
        if (
          best &&
          (best.entry.keys.length > entry.keys.length ||
            (best.entry.keys.length === entry.keys.length &&
              (best.entry.first === written[i] || entry.first !== written[i])))
        )
          continue;
        let last = analysis;
        const fits = entry.keys.every((key, k) => {
          if (k === 0) return true;
          const other = analyses[i + k]?.find((a) => a.key === key);
          if (other) last = other;
          return other !== undefined;
        });
        if (fits) best = { entry, analysis, last };
      }
    }
    const source = originals.slice(i, i + (best?.entry.keys.length ?? 1)).join(" ") || written[i]!;
    // A number word ("سه", "kolme") unless it starts a phrase ("سه ماهه" is a quarter).
    const counted = numbers.get(mine[0]!.key);
    if (counted !== undefined && (!best || best.entry.keys.length === 1)) {
      units.push({ english: String(counted), kind: undefined, source: originals[i]!, pre: "" });
      i++;
      continue;
    }
    if (best) {
      const { entry, analysis, last } = best;
      const pre = added(analysis, entry.kind, language) || added(last, entry.kind, language);
      units.push({ english: entry.english, kind: entry.kind, source, pre });
      i += entry.keys.length;
      continue;
    }
    const word = written[i]!;
    const compound = language.morphology.compounds ? splitCompound(word, language) : null;
    if (compound) {
      units.push({ ...compound, source, pre: "" });
      i++;
      continue;
    }
    const number = mine.map((a) => numbers.get(a.key)).find((n) => n !== undefined);
    const value = number === undefined ? workspaceValue(mine, values) : null;
    const english = number !== undefined ? String(number) : (value ?? word);
    units.push({ english, kind: undefined, source, pre: "" });
    i++;
  }
  const said = units.filter((u) => u.english !== "");
  reorder(said, language);
  const asked = today ? nativeDates(said, language, today, calendar) : "gregorian";
  const sources = new Map<string, string>();
  const parts: string[] = [];
  for (const unit of said) {
    const english = unit.pre ? `${unit.pre} ${unit.english}` : unit.english;
    parts.push(english);
    for (const w of english.split(" ")) if (!sources.has(w)) sources.set(w, unit.source);
  }
  const english = tidy(parts.join(" "));
  const relativeNative =
    today !== undefined && calendar !== "gregorian" && new RegExp(relative.source).test(english);
  return {
    text: relativeNative ? relativeIn(english, calendar, today) : english,
    sources,
    calendar: relativeNative ? calendar : asked,
  };
}

const monthName =
  "january|february|march|april|may|june|july|august|september|october|november|december";

/** What word-for-word leaves that the English reader would misread. */
function tidy(text: string): string {
  return (
    text
      // "tammi–maaliskuussa", "از ژانویه تا مارس": the second month's own "in" or "to" is the range's.
      .replace(/\b(from|to) (?:in|to|from) /g, "$1 ")
      .replace(/\b(?:in|from|year) (from \d{4}-)/g, "$1")
      .replace(/(?:\b(?:in|from) )?(\S+) – (?:in |to |from )?/g, "from $1 to ")
      // "در ماه اکتبر", "մարտ ամսին": the month's own word for month.
      .replace(new RegExp(`\\bmonth (?:in |of )?(${monthName})\\b`, "g"), "$1")
      .replace(new RegExp(`\\b(${monthName}) month\\b`, "g"), "$1")
      // "۱۰ مشتری برتر": the count and the noun before the ranking word.
      .replace(/\b(\d+) (\S+) (top|best|first)\b/g, "$3 $1 $2")
      // "ریزش از ۵٪ بیشتر شد": the bound after "more than" or "less than", as the alert reader reads it.
      .replace(/\bfrom (\d[\d.,]*\s?%?) (?:went up|more than)\b/g, "more than $1")
      .replace(/\bfrom (\d[\d.,]*\s?%?) (?:dropped|less than)\b/g, "less than $1")
      // "2025 წელს": the year named, not this year.
      .replace(/\b(\d{4}) (?:in )?this year\b/g, "$1")
      // "ለምን", "እነማን ናቸው" stand anywhere; the English reader reads "why" and "who" first.
      .replace(/^(.*?)\b(why|who) /, "$2 $1")
      .replace(/^(.+) (why|who)$/, "$2 $1")
      .replace(/\s+/g, " ")
      .trim()
  );
}

const isNumber = (u: Unit | undefined) => u !== undefined && /^\d+$/.test(u.english);

/** Word order the English reader needs: postpositions before what they govern, fa modifiers before their noun. */
function reorder(units: Unit[], language: Language): void {
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    const governs =
      unit.kind === "post" || (unit.kind === "either" && units[i + 1]?.kind !== "mod");
    if (governs && i > 0) {
      let start = i - 1;
      if (units[start - 1]?.kind === "mod" || isNumber(units[start - 1])) start--;
      for (let k = start; k < i; k++) units[k]!.pre = "";
      units.splice(i, 1);
      units.splice(start, 0, unit);
    }
  }
  if (!language.morphology.modAfter) return;
  for (let i = 1; i < units.length; i++) {
    const unit = units[i]!;
    if (unit.kind !== "mod" || units[i - 1]!.kind !== "unit") continue;
    const start = isNumber(units[i - 2]) ? i - 2 : i - 1;
    units.splice(i, 1);
    units.splice(start, 0, unit);
  }
}

/** Whether the lexicon knows the word in some form (language detection). */
export function knows(language: Language, word: string): boolean {
  const { byFirst } = compile(language);
  return analyse(language.fold(normalise(word)), language).some((a) =>
    (byFirst.get(a.key) ?? []).some((e) => e.keys.length === 1 && e.english !== ""),
  );
}

/** "from 2026-10-23 to 2026-11-21": a range the English reader reads, both ends included. */
const spelled = (range: { from: string; to: string }, pre: string): string =>
  pre === "from"
    ? `from ${range.from}`
    : pre === "to"
      ? `to ${addDays(range.to, -1)}`
      : `from ${range.from} to ${addDays(range.to, -1)}`;

const nativeMonth = /^@(persian|ethiopian):(s?)(\d+)$/;
const era = /^@era:(persian|ethiopian|gregorian)$/;

/**
 * Native months, seasons and years (آبان, ۱۴۰۵, ኅዳር 2019 ዓ.ም.) as the Gregorian
 * range they are (languages.md §7): a month without a year is the latest
 * begun; a year is native when marked (شمسی, ዓ.ም.), when it can only be
 * (a Persian 1300-1499), or when the workspace counts in that calendar.
 */
function nativeDates(
  units: Unit[],
  language: Language,
  today: string,
  calendar: CalendarId,
): CalendarId {
  let asked: CalendarId = "gregorian";
  const yearOf = (unit: Unit | undefined) =>
    unit && /^\d{4}$/.test(unit.english) ? Number(unit.english) : null;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    const month = nativeMonth.exec(unit.english);
    if (month) {
      const cal = month[1] as "persian" | "ethiopian";
      const m = Number(month[3]);
      const y = yearOf(units[i + 1]);
      const marked = era.exec(units[i + 1 + (y === null ? 0 : 1)]?.english ?? "");
      const length = 1 + (y === null ? 0 : 1) + (marked ? 1 : 0);
      const months = month[2] ? 3 : 1;
      const first = y === null ? latestMonth(cal, m, today) : monthRange(cal, y, m);
      const range = {
        from: first.from,
        to: months === 1 ? first.to : monthRange(cal, y ?? inYearOf(cal, first.from), m + 3).from,
      };
      units.splice(i, length, {
        ...unit,
        english: spelled(range, unit.pre),
        pre: "",
        kind: undefined,
      });
      asked = cal;
      continue;
    }
    const y = yearOf(unit);
    if (y !== null) {
      const marked = era.exec(units[i + 1]?.english ?? "")?.[1] as CalendarId | undefined;
      const cal: CalendarId =
        marked ??
        (language.lang === "fa" && y >= 1300 && y < 1500
          ? "persian"
          : calendar === "ethiopian" && language.lang === "am" && y >= 2000 && y < 2040
            ? "ethiopian"
            : "gregorian");
      if (marked) units.splice(i + 1, 1);
      if (cal !== "gregorian") {
        units[i] = { ...unit, english: spelled(yearRange(cal, y), unit.pre), pre: "" };
        asked = cal;
      }
      continue;
    }
    if (era.test(unit.english)) units.splice(i--, 1);
  }
  return asked;
}

const inYearOf = (calendar: CalendarId, date: string): number => inCalendar(date, calendar).y;

const relative =
  /\b(?<!compared to )(this|last|previous) (month|quarter|year)\b|\b(year|month|quarter) to date\b/g;

/** "last month" in a workspace that counts in the Persian or Ethiopian calendar: its last native month. */
function relativeIn(text: string, calendar: CalendarId, today: string): string {
  return text.replace(
    relative,
    (_, which: string | undefined, unit: string | undefined, toDate: string | undefined) => {
      const period = (unit ?? toDate) as "month" | "quarter" | "year";
      return spelled(
        periodRange(calendar, period, which === "last" || which === "previous" ? -1 : 0, today),
        "",
      );
    },
  );
}
