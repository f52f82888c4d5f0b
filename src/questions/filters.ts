/**
 * Filters in a question: spans naming dimension values ("the pro plan", "in
 * Finland", "outside Finland", "acquired through ads", "Finland and
 * Estonia"), tagged on the cleaned text (before typo correction, so a
 * business's own words are read as written). Values joined by "and", "or"
 * or "vs" that share a dimension are one filter; a negation before them
 * ("outside", "excluding", "not") makes it `not_in`. Which dimension an
 * ambiguous value belongs to ("referral": a channel and a deal source) is
 * settled later, by the metric.
 */
import type { DimensionId } from "../metrics/types.js";
import { MONTH } from "./time-expressions.js";
import { dimensionWords, type ValueWord, valueWords } from "./value-vocabulary.js";
import { vocabulary } from "./vocabulary.js";
import type { WorkspaceValues } from "./workspace-values.js";

export interface TaggedFilter {
  op: "in" | "not_in";
  /** Values by the dimensions they may belong to, in the order said. */
  values: Map<DimensionId, string[]>;
  /** The dimension named beside the values ("the pro plan"), if any. */
  named: DimensionId | null;
  /** Several values compared ("compare churn in Finland and Estonia"): also a group-by. */
  compared: boolean;
  /** The words as the question wrote them. */
  text: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alternation = (texts: Iterable<string>) =>
  [...new Set(texts)]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join("|");

const NEGATION =
  "(?:everyone|everybody|everything|anyone|anything|all) (?:but|except)|outside(?: of)?|not including|not counting|leaving out|excluding|exclude|except(?: for| in| on| from)?|other than|apart from|not in|not on|not from|not|without|besides|but not|non|never";
const PREPOSITION =
  "through|via|from|by|in|on|at|for|of|with|within|inside|to|among|across|only|just|into|between";
/** "customers who didn't come from google": a negated verb before the values negates them as "not from" does. */
const NEGATED_VERB =
  "(?:did|do|does|were|was|are|is|have|has|had)(?: not| n t| nt)|(?:didn|don|doesn|weren|wasn|aren|isn|haven|hasn|hadn)(?: t)?|never";
const AUX = "(?:were|was|are|is|have been|has been|got|get|be|been)";
const VERB =
  "(?:acquired|came in|came|come|coming|sourced|owned|handled|managed|run|generated|brought in|referred|based|located|living)";
/**
 * The words between the people and the values ("who were acquired through",
 * "that didn't come from"); a relative pronoun only with a verb after it
 * ("which pro customers" keeps its "which"), and the people word stays: it
 * may name the metric ("new customers").
 */
const LEAD_VERB = `(?:(?:(?:who|that|which) )?(?:(?<negatedVerb>${NEGATED_VERB}) (?:${AUX} )?(?:${VERB} )?|${AUX} (?:${VERB} )?|${VERB} ))?`;
const JOINER = /^ (?:and |or |& |nor |vs |versus |and also |as well as )?$/;
const monthWord = new RegExp(`^(?:${MONTH})$`);
const timeBefore =
  /(?:^| )(?:in|during|since|until|till|before|after|through|between|from|to|and|of|last|this|early|late|mid|end of|start of) $/;
const PEOPLE_AFTER =
  /^ (?:customers|customer|users|user|clients|client|subscribers|subscriber|buyers|shoppers|accounts|members|deals|deal)\b/;
const COMPARING = /\b(?:compare|compared|comparing|comparison|vs|versus|between|split)\b/;

interface Compiled {
  words: Map<string, ValueWord[]>;
  /** Metric names, to keep a value inside a longer metric name ("email" in "email opens") a metric word. */
  metricTexts: Set<string>;
  dimensionPattern: Map<DimensionId, RegExp>;
}

const compiledFor = new WeakMap<WorkspaceValues, Compiled>();

function compile(values: WorkspaceValues): Compiled {
  const hit = compiledFor.get(values);
  if (hit) return hit;
  const words = new Map<string, ValueWord[]>();
  for (const w of valueWords(values)) words.set(w.text, [...(words.get(w.text) ?? []), w]);
  const metricTexts = vocabulary().metrics.map((p) => p.text);
  const dimensionPattern = new Map<DimensionId, RegExp>();
  for (const w of valueWords(values))
    if (!dimensionPattern.has(w.dimension))
      dimensionPattern.set(
        w.dimension,
        new RegExp(`^(?:${alternation(dimensionWords(w.dimension))})$`),
      );
  const compiled = {
    words,
    metricTexts: new Set(metricTexts),
    dimensionPattern,
  };
  compiledFor.set(values, compiled);
  return compiled;
}

/** Longest phrase of at most this many words. */
const MAX_WORDS = 6;

/**
 * The known phrases in a cleaned text, left to right, the longest at each
 * word: a lookup per word and length, so a question costs microseconds
 * whatever the size of the vocabulary.
 */
function phrasesIn(
  text: string,
  known: { has(key: string): boolean },
): { start: number; end: number; text: string }[] {
  const words = [...text.matchAll(/[^\s]+/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  const out: { start: number; end: number; text: string }[] = [];
  for (let i = 0; i < words.length; ) {
    let hit: { start: number; end: number; text: string } | null = null;
    for (let n = Math.min(MAX_WORDS, words.length - i); n > 0 && !hit; n--) {
      const key = text.slice(words[i]!.start, words[i + n - 1]!.end);
      if (known.has(key)) hit = { start: words[i]!.start, end: words[i + n - 1]!.end, text: key };
    }
    if (hit) {
      out.push(hit);
      i += hit.text.split(" ").length;
    } else i++;
  }
  return out;
}

interface Found {
  start: number;
  end: number;
  words: ValueWord[];
}

/** The dimension name right after `end` ("plan" in "pro plan"), as [dimension, end]. */
function namedAfter(
  text: string,
  end: number,
  words: ValueWord[],
  c: Compiled,
): [DimensionId, number] | null {
  const after = /^ ((?:\p{L}+)(?: \p{L}+)?)/u.exec(text.slice(end));
  if (!after) return null;
  const candidates = after[1]!.split(" ");
  for (const n of [2, 1]) {
    const phrase = candidates.slice(0, n).join(" ");
    if (candidates.length < n) continue;
    for (const w of words)
      if (c.dimensionPattern.get(w.dimension)?.test(phrase))
        return [w.dimension, end + 1 + phrase.length];
  }
  return null;
}

/** The dimension name right before `start` ("plan" in "plan pro", "engagement" in "engagement high"). */
function namedBefore(
  text: string,
  start: number,
  words: ValueWord[],
  c: Compiled,
): [DimensionId, number] | null {
  const before = /(?:^| )((?:\p{L}+ )?\p{L}+) $/u.exec(text.slice(0, start));
  if (!before) return null;
  const candidates = before[1]!.split(" ");
  for (const n of [2, 1]) {
    if (candidates.length < n) continue;
    const phrase = candidates.slice(-n).join(" ");
    for (const w of words)
      if (c.dimensionPattern.get(w.dimension)?.test(phrase))
        return [w.dimension, start - 1 - phrase.length];
  }
  return null;
}

/** The filters a cleaned question names, and the text with their spans replaced by ";". */
export function tagFilters(
  cleaned: string,
  values: WorkspaceValues,
): { filters: TaggedFilter[]; rest: string } {
  const c = compile(values);
  // Spans of metric names: a value inside a longer metric name ("email" in "email opens") is not a value.
  const metricSpans = phrasesIn(cleaned, c.metricTexts);
  const found: Found[] = [];
  for (const { start, end, text } of phrasesIn(cleaned, c.words)) {
    if (metricSpans.some((m) => m.start <= start && m.end >= end && m.end - m.start > end - start))
      continue;
    const all = c.words.get(text) ?? [];
    // "revenue from direct": a business's own channel or source spelled like an ordinary word
    // is its value after "from", "via" or "through" as well as beside the dimension's name.
    const cued = /(?:^| )(?:from|via|through) $/.test(cleaned.slice(0, start));
    const words = all.filter(
      (w) =>
        !w.needsDimensionWord ||
        (cued && (w.dimension === "channel" || w.dimension === "source")) ||
        namedAfter(cleaned, end, [w], c) !== null ||
        namedBefore(cleaned, start, [w], c) !== null,
    );
    // An owner called June or May: after "in", "since", "until", ... or before a year, it is the month.
    const month =
      monthWord.test(text) &&
      (timeBefore.test(cleaned.slice(0, start)) || /^ \d{4}\b/.test(cleaned.slice(end)));
    if (words.length > 0 && !month) found.push({ start, end, words });
  }
  if (found.length === 0) return { filters: [], rest: cleaned };

  // Values joined by "and" / "or" / "vs" that share a dimension make one filter.
  const groups: Found[][] = [];
  for (const f of found) {
    const last = groups.at(-1)?.at(-1);
    const dims = f.words.filter((w) => last?.words.some((l) => l.dimension === w.dimension));
    // "the starter plan vs the pro plan", "in the US and in Canada": the dimension's name, a
    // preposition and an article may stand between.
    const words = (last ? cleaned.slice(last.end, f.start) : "").split(" ");
    const named = [2, 1].find((n) =>
      dims.some((w) => c.dimensionPattern.get(w.dimension)?.test(words.slice(1, 1 + n).join(" "))),
    );
    const between = [words[0], ...words.slice(1 + (named ?? 0))]
      .join(" ")
      .replace(new RegExp(` (?:(?:${PREPOSITION}) )?(?:(?:the|our|a) )?$`), " ");
    const shared = last && JOINER.test(between) && dims.length > 0;
    if (shared) groups.at(-1)!.push(f);
    else groups.push([f]);
  }

  const filters: TaggedFilter[] = [];
  const cuts: [number, number, string][] = [];
  for (const group of groups) {
    const dims = new Set(group[0]!.words.map((w) => w.dimension));
    for (const f of group.slice(1)) {
      const here = new Set(f.words.map((w) => w.dimension));
      for (const d of dims) if (!here.has(d)) dims.delete(d);
    }
    const allWords = group.flatMap((f) => f.words).filter((w) => dims.has(w.dimension));
    let start = group[0]!.start;
    let end = group.at(-1)!.end;
    let named: DimensionId | null = null;
    const after = namedAfter(cleaned, end, allWords, c);
    if (after) [named, end] = after;
    else {
      const before = namedBefore(cleaned, start, allWords, c);
      if (before) [named, start] = before;
    }
    const lead = new RegExp(
      `(?:^| )(${LEAD_VERB}(?:(?:${PREPOSITION}) )?(?:(?<negation>${NEGATION}) )?(?:(?:${PREPOSITION}) )?(?:(?:the|our|all|a|an) )?)$`,
    ).exec(cleaned.slice(0, start));
    const negated = lead?.groups?.negation !== undefined || lead?.groups?.negatedVerb !== undefined;
    if (lead?.[1]) start -= lead[1].length;
    const values = new Map<DimensionId, string[]>();
    for (const f of group)
      for (const w of f.words)
        if (dims.has(w.dimension)) {
          const list = values.get(w.dimension) ?? [];
          if (!list.includes(w.value)) list.push(w.value);
          values.set(w.dimension, list);
        }
    const text = cleaned.slice(start, end).trim();
    filters.push({
      op: negated ? "not_in" : "in",
      values,
      named,
      compared:
        group.length > 1 &&
        (COMPARING.test(cleaned) ||
          // "is churn higher in Brazil or Mexico", "which is bigger, tea or snacks revenue"
          (/ or /.test(cleaned.slice(group[0]!.end, group.at(-1)!.start)) &&
            /\b(?:higher|lower|bigger|smaller|better|worse|more|less|larger)\b/.test(cleaned))),
      text,
    });
    // "churned German customers", "new family customers": a value said before the people word
    // leaves the words around it in a row, so "churned customers" is still read as one name.
    const beforePeople = lead?.[1] === "" && PEOPLE_AFTER.test(cleaned.slice(end));
    cuts.push([start, end, beforePeople ? " " : " ; "]);
  }
  let rest = cleaned;
  for (const [s, e, mark] of cuts.reverse()) rest = `${rest.slice(0, s)}${mark}${rest.slice(e)}`;
  return { filters, rest: rest.replace(/\s+/g, " ").trim() };
}
