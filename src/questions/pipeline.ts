/**
 * The one question pipeline: plain English in, the typed query out.
 *
 * 1. clean once (lower case, punctuation dropped);
 * 2. tag the filters on the cleaned text, from the fixed vocabularies and
 *    the workspace's values (filters.ts);
 * 3. correct typos on what is left;
 * 4. small ordered rules: why (explain), lists, rankings, several metrics
 *    (rules.ts);
 * 5. the core reader: metric, time (with the clock), grain, group-by,
 *    comparison, forecast (understand.ts);
 * 6. validate: every filter applies to the metric, and the words left over
 *    are `unused`; a left-over word where a filter or a group-by would be
 *    ("from tiktok", "by colour") makes the question `unknown`, never a
 *    number for another question.
 *
 * Deterministic and total: it never throws.
 */
import { dimensions } from "../metrics/dimensions.js";
import { getMetric } from "../metrics/registry.js";
import type { DimensionId, Filter, MetricId, Rank } from "../metrics/types.js";
import { type Utterance, utter } from "../reading/utterance.js";
import { type TaggedFilter, tagFilters } from "./filters.js";
import { namingWords, tokenize } from "./nlp.js";
import { interpretationOf, type Query, unknownQuery } from "./query.js";
import {
  lowerIsBetter,
  type RankRule,
  takeExplain,
  takeList,
  takeMetrics,
  takeRank,
} from "./rules.js";
import { defaultRange, MONTH } from "./time-expressions.js";
import type { Interpretation } from "./types.js";
import {
  analyse,
  cleaned,
  correctTypos,
  type Mentions,
  noMentions,
  unknownSuggestions,
} from "./understand.js";
import { correctValueTypos, markCountryCodes } from "./value-vocabulary.js";
import { findPhrase, vocabulary } from "./vocabulary.js";
import type { WorkspaceValues } from "./workspace-values.js";

export interface Understood {
  query: Query;
  /** What the question named itself, as opposed to defaults: follow-ups merge on this. */
  mentions: Mentions;
  /** The filters the question named, as tagged before a metric settles them (follow-ups: "only in Finland"). */
  tagged: TaggedFilter[];
}

/** No workspace to read values from (`pulse parse`): one object, so the compiled vocabulary is kept. */
const noValues: WorkspaceValues = Object.freeze({});

/** Words that carry no meaning of their own in a question. */
const filler = new Set(
  ";  what whats is was were are be been being am the a an of for in on at to by with from our my your their its it this that these those there here we us i you me show tell give get got let lets please can could would will shall should do does did done have has had how much many total number amount value values figure figures level levels overall current currently so far just only about and or but also pulse hey hi hello thanks thank kindly quick quickly check see look looking know want need like data info stats statistics report whole entire business company shop store team customers customer users user clients client people ones one some any all each every during over since until till as per into out ok okay now then right versus vs compared compare our across among deals deal opportunities average avg mean typical subscribers subscriber members member accounts account buyers shoppers leads lead feedback comments reviews higher lower better worse up down bigger smaller performing performance perform change changed changes doing bring brings brought generate generates generated make makes made breakdown split place placed placing come comes came coming based located everyone everybody".split(
    " ",
  ),
);
/** Words after which a left-over word was meant as a filter value or a dimension. */
const filterCue =
  /^(?:from|via|through|in|on|at|for|outside|excluding|except|without|only|among|within|owned|acquired|not)$/;
const groupCue = /^(?:by|per|each|every|across)$/;

const dimensionList = (ids: readonly DimensionId[]) =>
  ids.map((d) => dimensions[d].label).join(", ");

/** The filters of the question for this metric: each value's dimension settled by what the metric has. */
export function resolveFilters(
  tagged: TaggedFilter[],
  metric: MetricId,
): { filters: Filter[]; problem: string | null } {
  const definition = getMetric(metric);
  const filters: Filter[] = [];
  for (const t of tagged) {
    const candidates = [...t.values.keys()];
    const dimension =
      (t.named && definition.dimensions.includes(t.named) ? t.named : null) ??
      candidates.find((d) => definition.dimensions.includes(d));
    if (!dimension) {
      const d = t.named ?? candidates[0]!;
      return {
        filters,
        problem: `${definition.label} cannot be filtered by ${dimensions[d].label} ("${t.text}"); it can be by ${dimensionList(definition.dimensions)}`,
      };
    }
    filters.push({ dimension, op: t.op, values: t.values.get(dimension)! });
  }
  return { filters, problem: null };
}

function rankOf(rule: RankRule, metric: MetricId, list: boolean): Rank {
  const order =
    rule.wanted === "best"
      ? lowerIsBetter(metric) && !list
        ? "asc"
        : "desc"
      : rule.wanted === "worst"
        ? lowerIsBetter(metric) && !list
          ? "desc"
          : "asc"
        : rule.wanted;
  const limit =
    rule.limit !== "default" ? rule.limit : list ? 10 : rule.all || !rule.singular ? null : 1;
  return { order, limit };
}

const metricNames = new Map<MetricId, Set<string>>();
/** Every word (and lemma) of a metric's names. */
function namesOf(metric: MetricId): Set<string> {
  let names = metricNames.get(metric);
  if (!names) {
    names = new Set(
      vocabulary()
        .metrics.filter((p) => p.target === metric)
        .flatMap((p) => p.words.flatMap((w) => [w.value, w.lemma])),
    );
    metricNames.set(metric, names);
  }
  return names;
}

/** Dimensions whose values are the business's own words: without its data, a word beside the name is taken as written. */
const ownWords: readonly DimensionId[] = ["plan", "channel", "category", "owner", "source"];

const dimensionOfWord = (word: string): DimensionId | null =>
  vocabulary().dimensions.find(
    (p) => p.words.length === 1 && (p.text === word || p.words[0]!.lemma === word),
  )?.target ?? null;

/** An unknown word where a filter value or a dimension stands: "platinum" in "platinum plan". */
interface Misplaced {
  word: string;
  phrase: string;
}

/**
 * The words left over, and whether one of them stands where a filter value or
 * a dimension would. With no workspace values to check against (`pulse parse`
 * without a database), "the pro plan" is taken as plan pro, as written.
 */
function leftOver(
  rest: string,
  values: WorkspaceValues,
): { unused: string[]; misplaced: Misplaced | null; guessed: TaggedFilter[] } {
  const words = rest.split(/\s+/).filter((w) => w.length > 0);
  const unused: string[] = [];
  const guessed: TaggedFilter[] = [];
  let misplaced: Misplaced | null = null;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (filler.has(word) || /^\d+$/.test(word)) continue;
    const before = words[i - 1] ?? "";
    const named = dimensionOfWord(words[i + 1] ?? "");
    if (
      named &&
      ownWords.includes(named) &&
      values[named] === undefined &&
      !dimensionOfWord(word)
    ) {
      guessed.push({
        op: "in",
        values: new Map([[named, [word]]]),
        named,
        compared: false,
        text: `${word} ${words[i + 1]}`,
      });
      i++;
      continue;
    }
    unused.push(word);
    if (misplaced) continue;
    if (filterCue.test(before) || groupCue.test(before))
      misplaced = { word, phrase: `${before} ${word}` };
    // "the gold plan": an unknown word beside a dimension's name was meant as its value.
    else if (named) misplaced = { word, phrase: `${word} ${words[i + 1]}` };
  }
  return { unused, misplaced, guessed };
}

const notApplied = (words: string, metric: MetricId | null): string[] => {
  const label = metric ? getMetric(metric).label : "revenue";
  const by = metric ? getMetric(metric).dimensions.slice(0, 2) : [];
  return [`${label} last month`, ...by.map((d) => `${label} by ${dimensions[d].label}`)].filter(
    (s) => words === "" || !s.includes(words),
  );
};

/**
 * "the most popular plan", "least popular category": ranked by how many, when
 * no metric is named: customers for what customers have (plan, channel,
 * country, ...), orders for what only orders have (category).
 */
function withCountMetric(rest: string, groupBy: DimensionId | null): string {
  if (findPhrase(tokenize(rest), vocabulary().metrics)) return rest;
  const counted = (["active_customers", "orders"] as const).find(
    (m) => groupBy === null || getMetric(m).dimensions.includes(groupBy),
  );
  return counted ? `${rest} ; ${getMetric(counted).label}` : rest;
}

/** "Revenue" inside a sentence is "revenue"; "ARPU" stays "ARPU". */
const midSentence = (label: string): string =>
  /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;

/** Words that ask for a computation no metric offers: the metric's own number would be another answer. */
const otherComputations = new Set(["median", "percentile", "quartile", "variance", "deviation"]);
/**
 * Words that, left over, leave the question answered as another one: a
 * negation turns it around ("customers who never ordered"), a ranking or a
 * "who" asks for members or groups that the plain number does not give
 * ("who sold the most this quarter").
 */
const negations = new Set(["not", "never", "no", "none", "nobody", "without", "neither", "nor"]);
const rankingWords = new Set([
  ...["most", "least", "top", "bottom", "best", "worst", "highest", "lowest", "fewest"],
  ...["biggest", "smallest", "largest", "who", "whom", "whose", "which"],
]);
/** Single words that name a metric but are also how people say "the people": never a sign of another number. */
const plainNouns = new Set(["customers", "clients", "subscribers"]);

/**
 * A left-over word that changes what is counted: a metric's name beside the
 * one answered ("churn among customers who signed up in 2025" read as
 * sign-ups) or a computation Pulse does not do ("median order value").
 */
function anotherNumber(
  asked: string,
  unused: string[],
  answered: MetricId[],
): { word: string; metric: MetricId | null; words: string[] } | null {
  // Read from the words as typed: typo correction knows metrics, not statistics ("median" is no "media").
  const computation = asked.split(" ").find((w) => otherComputations.has(w));
  if (computation) return { word: computation, metric: null, words: [computation] };
  // "orders per customer": a ratio no metric answered is named for ("revenue per customer" is ARPU's).
  const per =
    /\bper (?:\w+ )?(?:customer|client|user|person|head|member|subscriber|account|visitor|order|deal)s?\b/.exec(
      asked,
    );
  if (
    per &&
    !vocabulary().metrics.some((p) => answered.includes(p.target) && p.text.includes(per[0]))
  )
    return { word: `ratio "${per[0]}"`, metric: null, words: per[0].split(" ").slice(1) };
  for (const word of unused) {
    if (plainNouns.has(word)) continue;
    const named = vocabulary().metrics.find(
      (p) => p.words.length === 1 && p.words[0]!.value === word,
    );
    if (named && !answered.includes(named.target))
      return { word, metric: named.target, words: [word] };
  }
  return null;
}

const twoRanges = new RegExp(
  `\\bcompar(?:e|ing)\\b(.*?)\\b(?:to|with|and|against)\\s+(?=(?:last|this|previous|prior|the same|same|the previous|${MONTH}|q[1-4]|h[12]|\\d{4}|yesterday|today)\\b)`,
);

/**
 * "enterprise NPS vs basic NPS": two values of one dimension set against
 * each other are compared, as in "compare NPS of enterprise and basic", never
 * both required at once (no customer is on two plans).
 */
function comparedApart(tagged: TaggedFilter[], clean: string): TaggedFilter[] {
  if (tagged.length < 2 || !/\b(?:vs|versus|against|compared (?:to|with))\b/.test(clean))
    return tagged;
  const dimensionOf = (t: TaggedFilter) =>
    t.named ?? (t.values.size === 1 ? [...t.values.keys()][0]! : null);
  const [a, b] = tagged;
  const dimension = dimensionOf(a!);
  if (!dimension || dimension !== dimensionOf(b!) || a!.op !== "in" || b!.op !== "in")
    return tagged;
  const merged: TaggedFilter = {
    op: "in",
    values: new Map([
      [dimension, [...(a!.values.get(dimension) ?? []), ...(b!.values.get(dimension) ?? [])]],
    ]),
    named: dimension,
    compared: true,
    text: `${a!.text} vs ${b!.text}`,
  };
  return [merged, ...tagged.slice(2)];
}

/**
 * Ways of asking that name a metric by what it means: the cost of acquiring
 * a customer is CAC ("most expensive acquisition channel", "cheapest channel
 * to acquire customers": CAC ranked, never new customers), and a count "at
 * the end of" a period is that period's count.
 */
const acquisition = /\b(?:acqui(?:re|res|red|ring|sition)|channels?|sources?)\b/;
function rephrase(text: string): string {
  let out = text.replace(/\b(?:at|by|as of) the end of\b/g, " ");
  if (acquisition.test(out) && /\b(?:expensive|costliest|priciest|cheapest)\b/.test(out))
    out = out
      .replace(/\b(?:most expensive|costliest|priciest)\b/, "highest cac")
      .replace(/\b(?:least expensive|cheapest)\b/, "lowest cac")
      .replace(
        /\bto acqui(?:re|ring) (?:new )?(?:customers?|clients?|users?)\b|\bacquisition\b/g,
        " ",
      );
  return out;
}

/**
 * `today` is the workspace-local date YYYY-MM-DD ("now" of questions.md). A
 * question in another language is read in the English-canonical words of
 * its utterance, and what was not used is named back as it was written.
 */
export function understand(
  message: Utterance | string,
  today: string,
  values: WorkspaceValues = noValues,
): Understood {
  // A text read here: the language layer sees the workspace's values (ნინო is its owner Nino).
  const utterance = typeof message === "string" ? utter(message, { values, today }) : message;
  const understood = understandEnglish(utterance, today, values);
  if (utterance.language === "en") return understood;
  const unused = utterance.said(understood.query.unused);
  return { ...understood, query: { ...understood.query, unused } };
}

function understandEnglish(message: Utterance, today: string, values: WorkspaceValues): Understood {
  const none = { mentions: noMentions, tagged: [] };
  const clean = cleaned(markCountryCodes(message.text, values));
  if (clean === null) return { query: unknownQuery(unknownSuggestions("")), ...none };
  const { filters: apart, rest: unfiltered } = tagFilters(correctValueTypos(clean, values), values);
  const tagged = comparedApart(apart, clean);
  let rest = rephrase(correctTypos(unfiltered));

  const explain = takeExplain(rest);
  if (explain) rest = explain.rest;
  const list = explain ? null : takeList(rest);
  if (list) rest = list.rest;
  const rank = explain ? null : takeRank(rest);
  if (rank) rest = rank.rest;
  if (rank?.rule.byCount) rest = withCountMetric(rest, rank.rule.groupBy);
  const several = takeMetrics(rest);
  if (several) rest = several.rest;
  // "compare revenue across plans": the groups are compared, not the range with another.
  if (
    /\bcompar(?:e|ing)\b/.test(rest) &&
    /\b(?:across|between|among|by|per|for each)\b/.test(rest) &&
    !/\b(?:vs|versus|than|against|to|with)\b/.test(rest)
  )
    rest = rest.replace(/\bcompar(?:e|ing)\b/, " ; ");
  // "compare this month to last month", "compare October with September": two ranges, as "X vs Y".
  rest = rest.replace(twoRanges, (_, between: string) => `${between} vs `);
  const compared = tagged.find((t) => t.compared);
  if (compared)
    rest = rest.replace(/\b(?:compare|compared|comparing|comparison|vs|versus)\b/, " ; ");

  const { interpretation: core, mentions, rest: left } = analyse(rest, today);
  const leftWords = leftOver(left, values);
  const { misplaced, guessed } = leftWords;
  // Words of the answered metric's own names ("ads spend" when "ad spend" was read) were used.
  const answered = several?.metrics[0] ?? core.metric;
  const named = answered ? namesOf(answered) : new Set<string>();
  const unused = leftWords.unused.filter((w) => !named.has(w));
  if (core.intent === "help") return { query: { intent: "help", unused: [] }, ...none };

  const metric = list
    ? (core.metric ??
      list.rule.metric ??
      (list.rule.entity === "deals" ? "pipeline_value" : "active_customers"))
    : (several?.metrics[0] ?? core.metric);
  if (!metric)
    return {
      query: unknownQuery(core.suggestions, unused),
      mentions,
      tagged: [...tagged, ...guessed],
    };

  const { filters, problem } = resolveFilters([...tagged, ...guessed], metric);
  const fullMentions: Mentions = { ...mentions, metric: mentions.metric ?? metric };
  // Not answered: what was read stays said (metric, filters), with the reason and what to ask instead.
  const notAnswered = (suggestions: string[], left: string[], reason: string): Understood => ({
    query: unknownQuery(suggestions, left, reason),
    mentions: fullMentions,
    tagged,
  });
  const label = midSentence(getMetric(metric).label);
  if (problem)
    return notAnswered(notApplied("", metric), unused, `I cannot answer that: ${problem}.`);
  const other = anotherNumber(clean, unused, several?.metrics ?? [metric]);
  if (other)
    return notAnswered(
      notApplied("", other.metric ?? metric),
      [...new Set([...unused, ...other.words])],
      other.metric
        ? `I did not answer: "${other.word}" names another number than ${label}, and I could not read how the two go together.`
        : `I did not answer: I cannot compute a ${other.word}, and ${label} would answer another question.`,
    );
  if (misplaced)
    return notAnswered(
      notApplied(misplaced.phrase, metric),
      unused,
      `I do not know "${misplaced.word}" (in "${misplaced.phrase}"), so I did not answer: ${getMetric(metric).label} without it would answer another question.`,
    );
  // "who has the highest win rate": over deals, the people ranked are their owners.
  const byWhom =
    rank !== null && /^who\b/.test(clean) && getMetric(metric).dimensions.includes("owner");
  // A word left over that names something ("espresso machines", "euros") may be what the
  // question is about: the metric without it could be another number. Other words ("nice",
  // "exactly") are said in a note beside the answer.
  if (unused.length > 0) {
    const naming = namingWords(clean);
    const typed = new Set(clean.split(" "));
    // A ranking read but not applied ("who sold the most": no group to rank) leaves its words over.
    const ranked =
      list !== null || byWhom || (rank !== null && (rank.rule.groupBy ?? core.groupBy) !== null);
    const things = unused.filter(
      (w) => naming.has(w) || negations.has(w) || (rankingWords.has(w) && !ranked) || !typed.has(w),
    );
    if (things.length > 0)
      return notAnswered(
        notApplied("", metric),
        unused,
        `I did not answer: I do not know what "${things.join(" ")}" means here, and ${label} without it could be another number.`,
      );
  }
  const range = mentions.range ?? { from: core.from, to: core.to };
  const said = { mentions: fullMentions, tagged: [...tagged, ...guessed] };

  if (explain)
    return {
      query: {
        intent: "explain",
        metric,
        filters,
        compare: core.compare ?? "previous_period",
        asked: explain.direction,
        groupBy: core.groupBy ?? null,
        range:
          mentions.range ?? (core.from ? { from: core.from, to: core.to! } : defaultRange(today)),
        unused,
      },
      ...said,
    };
  if (list) {
    const ranked = rank
      ? rankOf(rank.rule, metric, true)
      : list.rule.ranked
        ? { order: "desc" as const, limit: 10 }
        : null;
    return {
      query: {
        intent: "list",
        entity: list.rule.entity,
        metric,
        filters:
          list.rule.stage && !filters.some((f) => f.dimension === "stage")
            ? [...filters, { dimension: "stage", op: "in", values: [list.rule.stage] }]
            : filters,
        rank: ranked,
        range: range.from && range.to ? { from: range.from, to: range.to } : defaultRange(today),
        unused,
      },
      ...said,
    };
  }
  if (core.intent === "forecast")
    return {
      query: {
        intent: "forecast",
        metric,
        filters,
        groupBy: core.groupBy,
        grain: core.grain!,
        horizon: core.horizon!,
        range: { from: core.from!, to: core.to! },
        unused,
      },
      ...said,
    };
  if (core.intent !== "metric") return { query: unknownQuery(core.suggestions, unused), ...said };

  const comparedBy = compared ? (filters[tagged.indexOf(compared)]?.dimension ?? null) : null;
  const groupBy: DimensionId | null =
    rank?.rule.groupBy ?? core.groupBy ?? comparedBy ?? (byWhom ? "owner" : null);
  const rankWordUnused = rank && !groupBy;
  return {
    query: {
      intent: "metric",
      metrics: several?.metrics ?? [metric],
      filters,
      groupBy,
      rank: rank && groupBy ? rankOf(rank.rule, metric, false) : null,
      grain: core.grain,
      compare: core.compare,
      range: { from: core.from!, to: core.to! },
      unused: rankWordUnused
        ? [...unused, ...rank.rule.word.split(" ")]
        : unused.filter(
            // "who" asked for the owners; "which is bigger, tea or snacks" for one of the values.
            (w) =>
              !(byWhom && w === "who") &&
              !(comparedBy !== null && groupBy === comparedBy && w === "which"),
          ),
    },
    ...said,
    mentions: { ...fullMentions, groupBy: groupBy ?? fullMentions.groupBy },
  };
}

/** The flat interpretation of questions.md; total over strings (the fuzz test feeds it random inputs). */
export function parseQuestion(
  text: Utterance | string,
  today: string,
  values: WorkspaceValues = noValues,
): Interpretation {
  return interpretationOf(understand(text, today, values).query);
}
