/**
 * parseQuestion: plain English in, the interpretation of questions.md out.
 * Deterministic and total: it never throws, and a question it cannot map is
 * `unknown` with suggestions, never a guess presented as fact.
 *
 * Order matters: comparisons ("vs last month") and forecast horizons ("next 3
 * months") are taken out before the range is read, so their time words do not
 * become the range; the grain ("by month") before the group-by ("by plan").
 */
import { shiftWith } from "../metrics/calendar.js";
import { getMetric } from "../metrics/registry.js";
import type { Compare, DimensionId, Grain, MetricId } from "../metrics/types.js";
import { plainText } from "../reading/plain.js";
import { type Utterance, utteranceOf } from "../reading/utterance.js";
import { isEnglishWord, tokenize } from "./nlp.js";
import { ruleWords } from "./rules.js";
import {
  type DateRange,
  defaultRange,
  defaultSeriesRange,
  findTime,
  futureRange,
  grainFor,
  NUMBER,
  toNumber,
  UNIT,
  type Unit,
  unitOf,
} from "./time-expressions.js";
import type { Horizon } from "./types.js";
import { createCorrector } from "./typos.js";
import { findPhrase, vocabulary } from "./vocabulary.js";

/** Ordinary words that look like vocabulary words but must never be "corrected". */
const keep = new Set(
  "why explain explains change changes changed caused cause causes drove drive driver drivers increase increased decrease decreased drop dropped rise rose growth list names owned excluding except outside trend trends trending trended performing perform performed performance brings bring summer winter spring autumn fall season seasons date dates data due then than that what whats was were will went goes going gone good great bad fine well better worse note notes news need needs want wants like look looks see seen saw say said ask asked answer answers know knew think thought feel felt find found keep kept stay stayed start started end ended open opened close closed run ran pay paid buy bought come came coming place placed placing based located popular popularity selling losing everyone everybody take took put let lets bring brought call called use used work works worked help helps move moved turn turned show shows showed shown give gives gave given tell tells told told real really very just only also even still again ever never always often sometimes quite rather maybe perhaps something anything nothing everything someone anyone everyone people person team company business shop store thing things stuff part parts kind kinds type types case cases point points place places world life hand hands head day night morning evening weekend weekends hour hours minute minutes second seconds moment period periods date range ranges today tomorrow yesterday ago earlier later soon now were will with when where which who how many much have has had the this that these those than then them they their there our ours your you yours did does done doing show give tell tells told list last past next each every from over into onto about between since until during month week year days day made make sell sold lost lose left leave more most less least best worst high highest low lowest top total sum number rate rates count mean average value values some same plan plans spend spent get got cost costs month's year's per for and are not can could would should shall may might must any all one two three four five six seven eight nine ten trend chart graph table data report please thanks hello hi hey pulse compare compared versus split broken down group grouped across among by in on at of to up it is be been being me my we us i a an as or so if do go".split(
    " ",
  ),
);

let corrector: ReturnType<typeof createCorrector> | null = null;
const correct = (word: string): string => {
  corrector ??= createCorrector([...vocabulary().words, ...ruleWords], keep, isEnglishWord);
  return corrector.correct(word);
};

/** Text written in Spanish, Portuguese, French, German, ...: no typo correction, or "clientes" becomes "clients". */
const foreignLatin = /[¿¡ñáéíóúãõçàèìòùâêîôûäëïöüß]/i;

/** SQL typed into a chat is not a question: it is neither run nor read as one. */
const sqlLike =
  /;\s*(?:drop|delete|insert|update|select|truncate|alter|create)\b|\b(?:drop|truncate)\s+table\b|\bunion\s+select\b|--\s*$/i;

/** Typos corrected against the vocabulary, word by word. */
export function correctTypos(cleaned: string): string {
  if (foreignLatin.test(cleaned)) return cleaned;
  return cleaned
    .split(" ")
    .map((w) => correct(w))
    .join(" ");
}

const helpPattern =
  /^(?:help|\?|h|menu|commands|examples?|start|usage|what can (?:you|i|we) (?:do|ask|say)(?: you)?|what (?:can|do|should) i ask|how (?:does this|do i use this|do i use you|does pulse) work|what do you (?:do|know)|what questions can i ask|what can i ask you|who are you|how can you help(?: me)?|(?:which|what) metrics(?: (?:do|can) you (?:know|answer|do|track)| can i ask(?: about)?| are there| do you have)?$)\b/;

const cut = (text: string, match: RegExpExecArray): string =>
  `${text.slice(0, match.index)} ; ${text.slice(match.index + match[0].length)}`;

/** Takes the first match of any pattern out of the text. */
function take(text: string, patterns: RegExp[]): { match: RegExpExecArray; rest: string } | null {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) return { match, rest: cut(text, match) };
  }
  return null;
}

const COMPARE_TO =
  "(?:vs|versus|compared(?: to| with)?|comparing(?: to| with)?|compare(?: it)?(?: to| with)|against|than|relative to|over|from|and)";
const yearAgo =
  "(?:the )?(?:same (?:day|week|month|quarter|period|time|date) )?(?:last|previous|prior|a|the previous|the prior|one) year(?: before| earlier| ago)?";

const previousYearPatterns = [
  /\byear (?:over|on|to|vs) year\b/,
  /\b(?:yoy|y o y)\b/,
  new RegExp(`\\b${COMPARE_TO} ${yearAgo}\\b`),
  /\bsame (?:day|week|month|quarter|period|time) (?:last|previous|a|the previous|one) year\b/,
  /\b(?:a|one) year (?:ago|before|earlier)\b/,
];
const previousPeriodPatterns = [
  new RegExp(
    `\\b${COMPARE_TO} (?:the )?(?:last|previous|prior|preceding|past) (?:${UNIT}|period)\\b`,
  ),
  new RegExp(`\\b${COMPARE_TO} (?:the )?(?:${UNIT}|period) before\\b`),
  /\b(?:day|week|month|quarter|period) (?:over|on|to|vs) (?:day|week|month|quarter|period)\b/,
  /\b(?:mom|wow|qoq|dod|pop)\b/,
  /\b(?:vs|versus|compared(?: to| with)?|against) (?:before|previously|the prior|the previous)\b/,
  /\b(?:compare|comparison|compared)\b/,
];
/** A change asked of one number compares it with the period before; asked over a series, the series shows it. */
const changeWords =
  /\b(?:change|changed|changes|growth|grow|grew|grown|increase|increased|decrease|decreased|up or down|improve|improved|worse|better|drop|dropped|declined?|rise|rose)\b/;

const forecastWord =
  /\b(?:forecasts?|forecasting|forecasted|predict(?:ed|ion|ions)?|projections?|project(?:ed)?|outlook|expect(?:ed)?|estimate(?:d)?|anticipate(?:d)?)\b|\bwill\b|\bgoing to\b|\bgonna\b/;
const horizonPatterns = [
  new RegExp(
    `\\b(?:for |in |over |during )?(?:the )?(?:next|coming|following|upcoming) (${NUMBER}) (${UNIT})s?\\b`,
  ),
  new RegExp(
    `\\b(?:for |in |over |during )?(?:the )?(?:next|coming|following|upcoming) (${UNIT})\\b`,
  ),
  new RegExp(`\\b(${NUMBER}) (${UNIT})s? (?:ahead|out|from now|into the future)\\b`),
];

const grainWords: Record<string, Grain> = {
  daily: "day",
  weekly: "week",
  monthly: "month",
  quarterly: "quarter",
  yearly: "year",
  annually: "year",
  annual: "year",
};
const grainPatterns = [
  new RegExp(
    `\\b(?:by|per|each|every|a|for each|for every|broken down by|split by|grouped by|group by|on a) (${UNIT})\\b`,
  ),
  new RegExp(`\\b(${UNIT}) (?:by|after|over|on) (?:${UNIT})\\b`),
  /\b(daily|weekly|monthly|quarterly|yearly|annually|annual)\b/,
];
const seriesPattern =
  /\b(?:trends?|trending|over time|history|historical|historically|evolution|time series|timeline|progression|developments?|series|chart|graph|plot)\b/;

const GROUP_BY =
  "(?:by|per|for each|for every|for all|each|every|split by|split into|broken down by|break down by|breakdown by|breakdown of|grouped by|group by|across|segmented by|segment by|in each|among|between|for different|in different|by each|by their|by our|by the|per each)";

function findGroupBy(text: string): { dimension: DimensionId; rest: string } | null {
  const tokens = tokenize(text);
  const { dimensions } = vocabulary();
  const words = tokens.map((t) => t.value);
  const joiners = GROUP_BY.slice(3, -1)
    .split("|")
    .map((j) => j.split(" "));
  // "by plan", "for each country", "split by gender"
  for (let i = 0; i < tokens.length; i++) {
    for (const joiner of joiners) {
      if (!joiner.every((w, k) => words[i + k] === w)) continue;
      let start = i + joiner.length;
      while (
        ["the", "each", "our", "their", "customer", "customers", "different", "a"].includes(
          words[start] ?? "",
        )
      )
        start++;
      const found = findPhrase(tokens.slice(start), dimensions);
      if (found && found.start === 0) {
        const end = start + found.end;
        return {
          dimension: found.phrase.target,
          rest: [...words.slice(0, i), ";", ...words.slice(end)].join(" "),
        };
      }
    }
  }
  // "which plan has the highest churn", "top countries by revenue", "plan breakdown"
  const leads = new Set([
    "which",
    "what",
    "top",
    "best",
    "worst",
    "highest",
    "lowest",
    "biggest",
    "each",
    "every",
  ]);
  const tails = new Set(["breakdown", "split", "wise", "level", "mix"]);
  const hasTail = words.some((w) => tails.has(w));
  for (let i = 0; i < tokens.length; i++) {
    if (leads.has(words[i] ?? "")) {
      // "top 5 countries": a count may stand between the lead word and the dimension.
      const skip = /^\d+$/.test(words[i + 1] ?? "") ? 2 : 1;
      const found = findPhrase(tokens.slice(i + skip), dimensions);
      if (found?.start === 0) {
        return {
          dimension: found.phrase.target,
          rest: [...words.slice(0, i), ";", ...words.slice(i + skip + found.end)].join(" "),
        };
      }
    }
    if (hasTail) {
      const here = findPhrase(tokens.slice(i), dimensions);
      if (here?.start === 0 && tails.has(words[i + here.end] ?? "")) {
        return {
          dimension: here.phrase.target,
          rest: [...words.slice(0, i), ";", ...words.slice(i + here.end + 1)].join(" "),
        };
      }
    }
  }
  return null;
}

/** Ways of asking for a count that name no metric word: "how many customers did we lose". */
const questionPatterns: [RegExp, MetricId][] = [
  [
    /\b(?:percent(?:age)?|share|fraction|proportion|rate) of (?:our |the |all )?(?:customers|users|clients|subscribers) (?:who |that )?(?:churned|left|cancell?ed|quit|did we lose|we lost)\b/,
    "churn_rate",
  ],
  [
    /\bhow many (?:\w+ )?(?:customers|users|clients|subscribers|people|accounts)? ?(?:did|have|has|do) (?:we|you|i|they) (?:lose|lost)\b/,
    "churned_customers",
  ],
  [
    /\b(?:customers|users|clients|subscribers|accounts) (?:we |did we |have we |that we )?(?:lost|lose|churned|left|cancell?ed|quit)\b/,
    "churned_customers",
  ],
  [
    /\bhow many (?:\w+ )?(?:customers|users|clients|subscribers|people|accounts)? ?(?:churned|left|cancell?ed|quit|unsubscribed|dropped off|did we lose)\b/,
    "churned_customers",
  ],
  [
    /\bhow many (?:new )?(?:customers|users|clients|subscribers|people|accounts) (?:did we |have we |do we )?(?:get|got|gain|gained|acquire|acquired|sign up|signed up|join|joined|register|registered|onboard|onboarded|win|won|add|added)\b/,
    "new_customers",
  ],
  [/\bhow many (?:people |customers |users )?(?:signed up|joined|registered)\b/, "new_customers"],
  [
    /\b(?:(?:we|you) )?(?:are |were )?(?:lose|losing|lost) (?:more |fewer |less |so many |many |our |the )?(?:customers|users|clients|subscribers|accounts)\b/,
    "churned_customers",
  ],
  [/\bhow many new\b/, "new_customers"],
  [
    /\bhow many (?:customers|users|clients|subscribers|people|accounts) (?:stayed|did we keep|did we retain|were retained)\b/,
    "retention_rate",
  ],
  [
    /\b(?:how much|what) (?:money )?(?:did|have|do|does) (?:we|you|i|the shop|the business|the company) (?:make|made|earn|earned|sell|sold|bring in|brought in|take in|took in|generate|generated|bill|billed)\b/,
    "revenue",
  ],
  [
    /\bhow much (?:money )?(?:did|have|do) (?:we|you|i) spen[dt](?: on (?:marketing|ads|advertising|acquisition|campaigns))?\b/,
    "marketing_spend",
  ],
  [/\bhow many (?:orders|purchases|transactions|sales|invoices)\b/, "orders"],
  [
    /\b(?:how much|what) (?:did|does|do) (?:each|every|the average|an average|a|the typical) (?:customer|user|client|subscriber) (?:spend|spent|pay|paid|bring in)\b/,
    "arpu",
  ],
  [
    /\bhow (?:happy|satisfied|pleased) (?:are|were) (?:our |the )?(?:customers|users|clients)\b/,
    "csat",
  ],
  [
    /\bhow (?:likely|willing) (?:are|were) (?:our |the )?(?:customers|users|clients) to recommend\b/,
    "nps",
  ],
  [/\bhow (?:easy|hard|difficult) (?:is|was) it\b/, "ces"],
  [/\bwhat (?:do|did) (?:customers|people|users|clients) (?:think|feel|say)\b/, "sentiment"],
  [
    /\bhow (?:are|do|did|were) (?:our |the )?(?:customers|people|users|clients) (?:feel|feeling|felt)\b/,
    "sentiment",
  ],
  [
    /\bhow many (?:customers|users|clients|subscribers|accounts) (?:do|did) (?:we|you|i) have\b/,
    "active_customers",
  ],
  [
    /\bhow many (?:active |paying )?(?:customers|users|clients|subscribers|accounts)\b/,
    "active_customers",
  ],
];

const peopleWords = /^(?:customers|customer|clients|users|subscribers)$/;

/** Suggestions for a question that named no metric: metrics whose words are close to the question's. */
function suggestionsFor(text: string): string[] {
  const words = text.split(/[\s;]+/).filter((w) => w.length >= 3);
  const { metrics } = vocabulary();
  const scored = new Map<MetricId, number>();
  for (const p of metrics) {
    for (const pw of p.words) {
      for (const w of words) {
        if (pw.value.length < 3) continue;
        const close =
          w === pw.value || w === pw.lemma
            ? 3
            : w.startsWith(pw.value.slice(0, 4)) && pw.value.length >= 4
              ? 1
              : 0;
        if (close > 0) scored.set(p.target, Math.max(scored.get(p.target) ?? 0, close));
      }
    }
  }
  const ranked = [...scored.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([id]) => `${getMetric(id).label} last month`);
  const fallback = [
    "revenue last month",
    "churn rate by plan last quarter",
    "new customers this month",
  ];
  return [...new Set([...ranked, ...fallback])].slice(0, 3);
}

/**
 * The v1 core of a question as this reader sees it: intent, one metric,
 * range, grain, group-by, comparison and horizon. The pipeline (pipeline.ts)
 * builds the typed query on it.
 */
export interface Core {
  intent: "metric" | "forecast" | "help" | "unknown";
  metric: MetricId | null;
  from: string | null;
  to: string | null;
  grain: Grain | null;
  groupBy: DimensionId | null;
  compare: Compare | null;
  horizon: Horizon | null;
  suggestions: string[];
}

const unknownCore = (suggestions: string[]): Core => ({
  intent: "unknown",
  metric: null,
  from: null,
  to: null,
  grain: null,
  groupBy: null,
  compare: null,
  horizon: null,
  suggestions,
});

/** What a question named itself, as opposed to what defaults filled in: follow-ups merge on this. */
export interface Mentions {
  metric: MetricId | null;
  range: DateRange | null;
  grain: Grain | null;
  groupBy: DimensionId | null;
  compare: Compare | null;
}

const none: Mentions = { metric: null, range: null, grain: null, groupBy: null, compare: null };

/** The interpretation and which of its parts the text named. */
export interface Analysis {
  interpretation: Core;
  mentions: Mentions;
  /** The words no part of the core used, with ";" where a part was taken out. */
  rest: string;
}

/** The cleaned question before typo correction (see `plainText`); null for SQL or no words. */
export function cleaned(raw: string): string | null {
  if (sqlLike.test(raw)) return null;
  const text = plainText(raw);
  return /\p{L}/u.test(text) ? text : null;
}

export const noMentions = none;
export const unknownSuggestions = suggestionsFor;

const isHelpText = (text: string): boolean =>
  helpPattern.test(text) || /\bwhat can (?:you|i|pulse) (?:do|ask|answer)\b/.test(text);

/** "help", "what can you do": a request for help, not a question about data. */
export function asksForHelp(message: Utterance | string): boolean {
  const text = cleaned(utteranceOf(message).text);
  return text !== null && isHelpText(text);
}

/** The core of a cleaned, typo-corrected question. */
export function analyse(normalised: string, today: string): Analysis {
  let text = normalised;
  if (isHelpText(text)) {
    return { interpretation: { ...unknownCore([]), intent: "help" }, mentions: none, rest: "" };
  }

  // Forecasts: a forecast word or a future horizon ("next 3 months").
  let horizon: Horizon | null = null;
  const future = take(text, horizonPatterns);
  if (future) {
    const [, a, b] = future.match;
    horizon = b ? { n: toNumber(a!), unit: unitOf(b) } : { n: 1, unit: unitOf(a!) };
    text = future.rest;
  }
  const isForecast = horizon !== null || forecastWord.test(text);
  if (isForecast) text = text.replace(forecastWord, " ; ");

  // Comparison before the range: "this quarter vs last quarter" keeps "this quarter".
  let compare: Compare | null = null;
  const yearly = take(text, previousYearPatterns);
  if (yearly) {
    compare = "previous_year";
    text = yearly.rest;
  } else {
    const periodic = take(text, previousPeriodPatterns);
    const changed = periodic ? null : take(text, [changeWords]);
    if (periodic) {
      compare = "previous_period";
      text = periodic.rest;
    } else if (changed) {
      text = changed.rest;
      if (!seriesPattern.test(text)) compare = "previous_period";
    }
  }

  // Grain, then an explicit series word.
  let grain: Grain | null = null;
  const grained = take(text, grainPatterns);
  if (grained) {
    const word = grained.match[1]!;
    grain = grainWords[word] ?? unitOf(word);
    text = grained.rest;
  }
  const wantsSeries = seriesPattern.test(text);
  if (wantsSeries) text = text.replace(seriesPattern, " ; ");

  // The metric first where a question pattern names it, so "per customer" in "revenue per customer" stays whole.
  const tokensBefore = tokenize(text);
  const { metrics } = vocabulary();
  const metricFirst = findPhrase(tokensBefore, metrics);

  const time = findTime(text, today);
  if (time) text = time.rest;
  // "revenue in Q3 vs Q2", "October against September": a second range named as the
  // comparison is the previous period (or year) when it is exactly that one.
  if (time && compare === null) {
    const against = /\b(?:vs|versus|compared (?:to|with)|against|than)\b/.exec(text);
    const other = against ? findTime(text.slice(against.index + against[0].length), today) : null;
    if (against && other) {
      const same = (c: Compare) => {
        const shifted = shiftWith(time.range, c)(time.range);
        return shifted.from === other.range.from && shifted.to === other.range.to;
      };
      const named = same("previous_period")
        ? "previous_period"
        : same("previous_year")
          ? "previous_year"
          : null;
      if (named) {
        compare = named;
        text = `${text.slice(0, against.index)} ; ${other.rest}`;
      }
    }
  }

  let groupBy: DimensionId | null = null;
  const grouped = findGroupBy(
    metricFirst && metricFirst.phrase.words.length > 1
      ? text.replace(
          new RegExp(`\\b${metricFirst.phrase.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`),
          " ; ",
        )
      : text,
  );
  if (grouped) {
    groupBy = grouped.dimension;
    text =
      metricFirst && metricFirst.phrase.words.length > 1
        ? `${grouped.rest} ${metricFirst.phrase.text}`
        : grouped.rest;
  }

  let metric: MetricId | null = null;
  for (const [pattern, id] of questionPatterns) {
    const match = pattern.exec(text);
    if (match) {
      metric = id;
      text = cut(text, match);
      break;
    }
  }
  if (!metric) {
    const tokens = tokenize(text);
    let found = findPhrase(tokens, metrics);
    // "customers aged 35-44 churn": the people word names the count only when no other metric is
    // named; beside another it says whose ("churn" of those customers).
    if (found && found.end - found.start === 1 && peopleWords.test(found.phrase.text)) {
      const other = findPhrase(
        tokens.map((t, i) => (i === found!.start ? { value: ";", lemma: ";" } : t)),
        metrics,
      );
      if (other) found = other;
    }
    if (found) {
      metric = found.phrase.target;
      text = [...tokens.slice(0, found.start), { value: ";" }, ...tokens.slice(found.end)]
        .map((t) => t.value)
        .join(" ");
    }
  }
  const mentions: Mentions = {
    metric,
    range: time?.range ?? null,
    grain: grain ?? (wantsSeries ? (time ? grainFor(time.range) : "month") : null),
    groupBy,
    compare,
  };
  if (!metric) return { interpretation: unknownCore(suggestionsFor(text)), mentions, rest: text };

  if (isForecast) {
    const h = horizon ?? {
      n: grain === "week" ? 4 : grain === "day" ? 7 : 3,
      unit: (grain ?? "month") as Unit,
    };
    const range = futureRange(today, h.unit, h.n);
    return {
      interpretation: {
        intent: "forecast",
        metric,
        ...range,
        grain: grain ?? h.unit,
        groupBy,
        compare: null,
        horizon: h,
        suggestions: [],
      },
      mentions,
      rest: text,
    };
  }

  let range: DateRange;
  if (time) range = time.range;
  else if (wantsSeries && !grain) range = defaultSeriesRange(today);
  else range = defaultRange(today);
  if (wantsSeries && !grain) grain = time ? grainFor(range) : "month";
  return {
    interpretation: {
      intent: "metric",
      metric,
      ...range,
      grain,
      groupBy,
      compare,
      horizon: null,
      suggestions: [],
    },
    mentions,
    rest: text,
  };
}
