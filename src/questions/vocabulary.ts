/**
 * The words the parser knows, read from the metric registry and the
 * dimensions, so a metric added there is understood without touching the
 * parser. Phrases are matched word by word on the written form or the lemma.
 */
import { monthNames } from "../metrics/calendar.js";
import { dimensionIds, dimensions } from "../metrics/dimensions.js";
import { metricIds, metrics } from "../metrics/registry.js";
import type { DimensionId, MetricId } from "../metrics/types.js";
import { type Token, tokenize } from "./nlp.js";

export interface Phrase<T> {
  target: T;
  words: Token[];
  text: string;
}

const phrase = <T>(target: T, text: string): Phrase<T> => ({ target, text, words: tokenize(text) });

const byLength = <T>(a: Phrase<T>, b: Phrase<T>) =>
  b.words.length - a.words.length || b.text.length - a.text.length;

let cache: {
  metrics: Phrase<MetricId>[];
  dimensions: Phrase<DimensionId>[];
  words: Set<string>;
} | null = null;

/** Time, comparison and question words the typo corrector also knows. */
const grammarWords = [
  "today",
  "yesterday",
  "week",
  "weeks",
  "weekly",
  "month",
  "months",
  "monthly",
  "quarter",
  "quarters",
  "quarterly",
  "year",
  "years",
  "yearly",
  "annually",
  "daily",
  "days",
  "last",
  "previous",
  "past",
  "next",
  "this",
  "since",
  "between",
  "from",
  "until",
  "compared",
  "compare",
  "comparison",
  "versus",
  "against",
  "trend",
  "history",
  "over",
  "time",
  "forecast",
  "predict",
  "prediction",
  "projection",
  "expected",
  ...monthNames.map((m) => m.toLowerCase()),
  "breakdown",
  "split",
  "grouped",
  "each",
  "every",
  "average",
  "total",
  "number",
  "rate",
  "customers",
  "customer",
  "help",
];

export function vocabulary() {
  if (!cache) {
    const metricPhrases: Phrase<MetricId>[] = [];
    for (const id of metricIds) {
      const metric = metrics.get(id)!;
      for (const text of new Set([
        metric.label.toLowerCase(),
        id.replace(/_/g, " "),
        ...metric.synonyms,
      ])) {
        metricPhrases.push(phrase(id, text.toLowerCase()));
      }
    }
    const dimensionPhrases: Phrase<DimensionId>[] = [];
    for (const id of dimensionIds) {
      const dimension = dimensions[id];
      for (const text of new Set([dimension.label, id.replace(/_/g, " "), ...dimension.synonyms])) {
        dimensionPhrases.push(phrase(id, text.toLowerCase()));
      }
    }
    const words = new Set<string>(grammarWords);
    for (const p of [...metricPhrases, ...dimensionPhrases])
      for (const w of p.words) if (/^[a-z]+$/.test(w.value)) words.add(w.value);
    cache = {
      metrics: metricPhrases.sort(byLength),
      dimensions: dimensionPhrases.sort(byLength),
      words,
    };
  }
  return cache;
}

const same = (a: Token, b: Token): boolean => a.value === b.value || a.lemma === b.lemma;

const firstWordIndex = new WeakMap<Phrase<unknown>[], Map<string, Phrase<unknown>[]>>();

/** Phrases by their first word's written form and lemma, so a scan only tries phrases that can start at a token. */
function indexOf<T>(phrases: Phrase<T>[]): Map<string, Phrase<T>[]> {
  let index = firstWordIndex.get(phrases as Phrase<unknown>[]) as
    | Map<string, Phrase<T>[]>
    | undefined;
  if (!index) {
    index = new Map();
    for (const p of phrases) {
      const first = p.words[0];
      if (!first) continue;
      for (const key of new Set([first.value, first.lemma]))
        index.set(key, [...(index.get(key) ?? []), p]);
    }
    firstWordIndex.set(phrases as Phrase<unknown>[], index as Map<string, Phrase<unknown>[]>);
  }
  return index;
}

/** The longest phrase found in the tokens (the first of equals), with where it starts and ends. */
export function findPhrase<T>(
  tokens: Token[],
  phrases: Phrase<T>[],
): { phrase: Phrase<T>; start: number; end: number; exact: number } | null {
  const index = indexOf(phrases);
  let best: { phrase: Phrase<T>; start: number; end: number; exact: number } | null = null;
  const rank = (p: Phrase<T>) => phrases.indexOf(p);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const candidates = new Set([
      ...(index.get(token.value) ?? []),
      ...(index.get(token.lemma) ?? []),
    ]);
    for (const candidate of candidates) {
      const n = candidate.words.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      let exact = 0;
      for (let j = 0; j < n && ok; j++) {
        ok = same(tokens[i + j]!, candidate.words[j]!);
        // As written, or the phrase's word is the base form of the written one ("customers churn"
        // is "customer churn", the churn rate, more than "customers churned").
        const written = tokens[i + j]!;
        if (
          candidate.words[j]!.value === written.value ||
          candidate.words[j]!.value === written.lemma
        )
          exact++;
      }
      if (!ok) continue;
      // More words win; then more words as written ("customers churn rate" is the churn rate, not
      // "customers churned" by lemma); then the one said first ("churn for pro plan customers" is
      // about churn). Positions are scanned in order, so the first phrase found of a length is the earliest.
      const better =
        !best ||
        n > best.phrase.words.length ||
        (n === best.phrase.words.length && exact > best.exact) ||
        (n === best.phrase.words.length &&
          exact === best.exact &&
          i === best.start &&
          rank(candidate) < rank(best.phrase));
      if (better) best = { phrase: candidate, start: i, end: i + n, exact };
    }
  }
  return best;
}
