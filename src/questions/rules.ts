/**
 * Small ordered rules over the corrected text of a question, each taking out
 * the words it used: "why" (explain), lists of customers or deals, rankings
 * of groups, and several metrics asked at once. What is left goes to the
 * core reader (understand.ts) for the metric, the time, the grain, the
 * group-by and the comparison.
 */
import { metrics } from "../metrics/registry.js";
import type { DimensionId, MetricId } from "../metrics/types.js";
import { tokenize } from "./nlp.js";
import type { Entity, Metrics } from "./query.js";
import { MONTH, NUMBER, toNumber } from "./time-expressions.js";
import { findPhrase, vocabulary } from "./vocabulary.js";

const cutOut = (text: string, match: RegExpExecArray): string =>
  `${text.slice(0, match.index)} ; ${text.slice(match.index + match[0].length)}`
    .replace(/\s+/g, " ")
    .trim();

/** Text without the ";" markers of parts taken out, for rules that read words in a row. */
const plain = (text: string) => text.replace(/ ?; ?/g, " ").replace(/\s+/g, " ").trim();

// ---- explain -------------------------------------------------------------

const explainLead =
  /^(?:(?:so|but|and|ok|okay|hmm|hey|pulse) )*(?:why|how come|what (?:drove|drives|caused|causes|explains|explained|is behind|was behind|s behind|led to|leads to|is driving|was driving|happened to|made|makes)|what is the reason(?:s)? (?:for|behind)|what are the reasons (?:for|behind)|what was the reason(?:s)? (?:for|behind)|reasons? (?:for|behind)|explain(?: to me)?(?: why)?|drivers? (?:of|behind)|what are the drivers (?:of|behind)|break down why)\b/;
const auxiliaries = /\b(?:did|does|do|is|was|has|have|had|are|were|the|our|we|so|much|it)\b/g;
const directions =
  /\b(?:go(?:es|ne)? up|went up|go(?:es|ne)? down|went down|shoot up|shot up|increase[ds]?|increasing|decrease[ds]?|decreasing|drop(?:ped|s|ping)?|rise[ns]?|rose|rising|fall(?:s|en|ing)?|fell|grow(?:s|n|th|ing)?|grew|decline[ds]?|declining|jump(?:ed|s)?|spike[ds]?|dip(?:ped|s)?|improve[ds]?|improving|worsen(?:ed|s)?|higher|lower|bigger|smaller|better|worse|more|fewer|less|up|down|change[ds]?|changing|move[ds]?|high|low|bad|good|weak|strong|slow|fast)\b/g;

export type Direction = "rise" | "drop" | null;

/** "why did revenue go up", "what drove the drop in NPS": the words that ask why, and the direction assumed. */
export function takeExplain(text: string): { rest: string; direction: Direction } | null {
  const lead = explainLead.exec(text);
  // "revenue went down last month, why?": the question word may come last.
  const last = lead
    ? null
    : /(?:^| )(?:so |but |and )?(?:why|how come|what caused it|why is that)$/.exec(text);
  if (!lead && !last) return null;
  const rest = lead ? text.slice(lead[0].length) : text.slice(0, last!.index);
  const down =
    /\b(?:down|decrease|drop|fall|fell|decline|dip|lower|worse|worsen|smaller|low|bad|weak|fewer|less)/.test(
      rest,
    );
  const up =
    /\b(?:up|increase|rise|rose|grow|grew|jump|spike|higher|better|bigger|improv|high|strong|more)/.test(
      rest,
    );
  // "compared to August": the period before, which the comparison already is.
  const against = new RegExp(`\\b(?:compared (?:to|with)|vs|versus|against) (?:${MONTH})\\b`);
  return {
    rest: rest
      .replace(against, " ")
      .replace(directions, " ")
      .replace(auxiliaries, " ")
      .replace(/\s+/g, " ")
      .trim(),
    direction: up && !down ? "rise" : down && !up ? "drop" : null,
  };
}

// ---- lists ---------------------------------------------------------------

const PEOPLE =
  "customers|customer|clients|client|users|buyers|shoppers|subscribers|accounts|spenders|people|members|signups|sign ups|churners";
const DEALS = "deals|deal|opportunities|opportunity|opps";

interface ListRule {
  entity: Entity;
  metric: MetricId | null;
  /** Ranked by value: "top", "biggest", "best". */
  ranked: boolean;
  /** "which deals did Tom win", "lost deals": only the deals closed that way, not every closed deal. */
  stage: "won" | "lost" | null;
}

const churnVerb =
  /\b(?:churned|churn|churners|left|leave|cancell?ed|cancel|quit|lost|lose|stopped|unsubscribed|dropped off)\b/;
const signupVerb =
  /\b(?:signed up|sign up|signup|signups|joined|join|registered|new|newest|latest|recent|recently|onboarded|acquired|started)\b/;
const spendWords =
  /\b(?:spent|spend|spenders|spending|paid|pay|paying|bought|buy|revenue|sales|valuable|value|money|biggest|largest|best|top)\b/;
const orderWords = /\b(?:orders?|ordered|purchases|purchased|transactions)\b/;

const rankUp =
  /\b(?:top|best|biggest|largest|most|highest|greatest|leading|heaviest|richest|loyalest|most valuable)\b/;
const rankDown = /\b(?:bottom|worst|smallest|least|lowest|fewest|weakest)\b/;

const listLead = new RegExp(
  [
    `^(?:who|whom)\\b`,
    // "customers who signed up through ads", "deals that closed this month": members, named by what they did.
    `^(?:the |our |all |all the |all our )?(?:${PEOPLE}|${DEALS}) (?:who|that|which) `,
    `\\b(?:which|what) (?:of (?:our|the) )?(?:${PEOPLE}|${DEALS})\\b`,
    `\\bwhich (?:new|recent|lost|churned|open|won|closed) (?:${PEOPLE}|${DEALS})\\b`,
    `\\b(?:list|names? of|name the|show|give)(?: me)?(?: the| a| all| our| my)?(?: list of)?(?: all| the| our| my)?(?: \\w+)? (?:${PEOPLE}|${DEALS})\\b`,
    `\\b(?:top|best|biggest|largest|most valuable|highest paying|bottom|worst|smallest|leading|heaviest)(?: (?:${NUMBER}))?(?: \\w+)? (?:${PEOPLE}|${DEALS})\\b`,
    `\\b(?:${NUMBER}) (?:biggest|largest|best|top|most valuable|smallest|worst) (?:\\w+ )?(?:${PEOPLE}|${DEALS})\\b`,
    // "customers with the most orders", "deals with the largest amounts".
    `^(?:the |our |all )?(?:${PEOPLE}|${DEALS}) (?:with|having|who have|that have) (?:the )?(?:most|highest|biggest|largest|fewest|least|lowest|smallest)\\b`,
    `\\b(?:${PEOPLE}|${DEALS}) (?:who|that) (?:\\w+ )?(?:churned|left|cancell?ed|quit|signed up|joined|bought|spent|ordered)\\b.*\\b(?:list|names?|show)\\b`,
  ].join("|"),
);

/** "who churned", "top 5 customers by revenue", "biggest open deals": the entity, the metric when words name one, ranked or not. */
export function takeList(text: string): { rule: ListRule; rest: string } | null {
  const words = plain(text);
  const tokens = tokenize(words);
  // "deals owned by Lena", "won deals this year", "all open deals": deals have no count of their
  // own, so deals named with no other metric are the deals themselves.
  const named = findPhrase(tokens, vocabulary().metrics);
  const bareDeals =
    new RegExp(
      `^(?:(?:the|our|all|won|lost|closed|new|recent|latest|open|current|active) )*(?:${DEALS})\\b`,
    ).test(words) &&
    (!named || (named.phrase.target === "pipeline_value" && /^(?:all|list|show)\b/.test(words))) &&
    // "deals by stage" asks for groups, which rows do not give.
    !/\b(?:by|per|each)\b/.test(words);
  if (!bareDeals && !listLead.test(words)) return null;
  const deals = new RegExp(`\\b(?:${DEALS})\\b`).test(words);
  const people = new RegExp(`\\b(?:${PEOPLE})\\b`).test(words);
  // "who is our best salesperson", "which channel brings in the best customers": a group is
  // asked for, not people.
  const group = findPhrase(tokens, vocabulary().dimensions);
  if (
    group &&
    (!deals && !people ? true : /^(?:which|what)$/.test(tokens[group.start - 1]?.value ?? ""))
  )
    return null;
  // "who" with no verb that lists anyone ("who are you") is no list.
  if (
    !deals &&
    !people &&
    !/^(?:who|whom) (?:\w+ )?(?:churned|left|cancell?ed|quit|signed up|joined|registered|bought|spent|ordered|purchased|is|are|was|were|did)\b/.test(
      words,
    )
  )
    return null;
  if (/^who (?:are|is) (?:you|pulse)\b/.test(words)) return null;
  // A series is of a number, not of members: "show revenue for team customers by month".
  if (
    /\b(?:by|per|each|every) (?:day|week|month|quarter|year)\b|\b(?:daily|weekly|monthly|quarterly|yearly|annually|trend|over time)\b/.test(
      words,
    )
  )
    return null;
  const entity: Entity = deals && !people ? "deals" : "customers";
  const ranked = rankUp.test(words) || rankDown.test(words);
  let metric: MetricId | null = null;
  const won = /\b(?:won|win|wins|winning)\b/.test(words);
  const lost = /\b(?:lost|lose|loses|losing)\b/.test(words);
  const stage = entity === "deals" && won !== lost ? (won ? "won" : "lost") : null;
  if (entity === "deals") {
    metric = /\b(?:won|win|wins|winning|lost|lose|losing|closed|close|closes)\b/.test(words)
      ? "win_rate"
      : /\b(?:created|new)\b/.test(words)
        ? "conversion_rate"
        : "pipeline_value";
  } else if (churnVerb.test(words)) metric = "churned_customers";
  else if (signupVerb.test(words) && !/\bby (?:revenue|sales|orders)\b/.test(words))
    metric = "new_customers";
  else if (orderWords.test(words)) metric = "orders";
  else if (spendWords.test(words)) metric = "revenue";
  // The entity, the list words and the verbs are used: the core reads the time (and any metric named).
  const rest = text
    .replace(new RegExp(`\\b(?:${PEOPLE}|${DEALS})\\b`, "g"), " ")
    .replace(/\b(?:who|whom|which|list|names?|name|show|give|open)\b/g, " ")
    .replace(
      /\b(?:churned|left|cancell?ed|quit|signed up|joined|registered|onboarded|stopped|unsubscribed|bought|spent|spend|ordered|purchased|paid|newest|latest|recent|recently|valuable|won|win|wins|lost|lose|losing|closed|close|closes|created|opened|are|were|is|was|did|have|has|do|the|our|we|of|all|with|by|me|a)\b/g,
      " ",
    )
    // "list new signups": "new" says what the list is of, when it is of sign-ups.
    .replace(metric === "new_customers" ? /\bnew\b/g : /^$/, " ")
    .replace(/\s+/g, " ")
    .trim();
  return { rule: { entity, metric, ranked, stage }, rest };
}

// ---- rankings ------------------------------------------------------------

/** "best" and "worst" are settled by the metric's direction once it is known. */
export type Wanted = "desc" | "asc" | "best" | "worst";

export interface RankRule {
  wanted: Wanted;
  /** The word that asked for the order ("highest", "rank"), to name it when no group is ranked. */
  word: string;
  limit: number | null | "default";
  /** The dimension ranked, when the rule read it ("which plan", "top 3 countries"). */
  groupBy: DimensionId | null;
  /** Every group in order ("rank", "sort", "leaderboard"). */
  all: boolean;
  /** The group word was singular ("which plan", "best channel"). */
  singular: boolean;
  /** Ranked by popularity ("most popular plan"): by how many, when no metric is named. */
  byCount: boolean;
}

/** "most popular", "least popular", "by popularity": a ranking by how many, the word of it taken out. */
function takePopular(text: string): { text: string; byCount: boolean } {
  const popular = /\b(?:(?:(most|more)|(least|less)) )?popular\b|\b(?:by )?popularity\b/.exec(text);
  if (!popular) return { text, byCount: false };
  const word = popular[2]
    ? "least"
    : popular[0].startsWith("popularity") || popular[0].startsWith("by")
      ? ""
      : "most";
  return {
    text: `${text.slice(0, popular.index)} ${word} ${text.slice(popular.index + popular[0].length)}`
      .replace(/\s+/g, " ")
      .trim(),
    byCount: true,
  };
}

const superlatives: [RegExp, Wanted][] = [
  [/\b(?:best|strongest|leading|top performing|best performing|healthiest)\b/, "best"],
  [/\b(?:worst|weakest|poorest|worst performing)\b/, "worst"],
  [/\b(?:top|highest|most|largest|biggest|greatest|max(?:imum)?|heaviest)\b/, "desc"],
  [/\b(?:bottom|lowest|least|fewest|smallest|min(?:imum)?|cheapest)\b/, "asc"],
];

let dimensionNames: string | null = null;
const dimensionAlternation = (): string => {
  dimensionNames ??= vocabulary()
    .dimensions.map((p) => p.text)
    .sort((a, b) => b.length - a.length)
    .join("|");
  return dimensionNames;
};

/** The dimension a phrase names, by the vocabulary ("countries" is country). */
function dimensionOf(phrase: string): DimensionId | null {
  return findPhrase(tokenize(phrase), vocabulary().dimensions)?.phrase.target ?? null;
}

/** "which plan has the highest churn", "top 3 countries by revenue", "rank channels by NPS". */
export function takeRank(said: string): { rule: RankRule; rest: string } | null {
  const DIM = dimensionAlternation();
  const { text, byCount } = takePopular(said);
  const sortWords =
    /\b(?:rank(?:ed|ing|ings)?|sort(?:ed)?|order(?:ed)?|leaderboard|league table)\b/;
  const sortMatch = sortWords.exec(text);
  // "rank channels by NPS", "channels ranked by revenue", "leaderboard of owners by win rate"
  if (sortMatch) {
    const around = new RegExp(
      `\\b(?:rank|ranked|ranking|rankings|sort|sorted|order|ordered|leaderboard|league table)(?: of)?(?: the| our| all)? (${DIM})\\b|\\b(${DIM}) (?:ranked|sorted|ordered|ranking|leaderboard)\\b`,
    ).exec(text);
    if (around) {
      const word = (around[1] ?? around[2])!;
      const ascending =
        /\b(?:ascending|asc|lowest first|smallest first|cheapest first|least first|worst first|from (?:the )?lowest|increasing order|bottom up)\b/;
      const asc = ascending.exec(text);
      let rest = cutOut(text, around);
      if (asc) rest = rest.replace(asc[0], " ; ");
      rest = rest.replace(
        /\b(?:from (?:the )?highest|highest first|descending|desc|best first|biggest first|largest first|in order)\b/,
        " ; ",
      );
      return {
        rule: {
          wanted: asc ? "asc" : "desc",
          word: sortMatch[0],
          limit: null,
          groupBy: dimensionOf(word),
          all: true,
          singular: false,
          byCount,
        },
        rest,
      };
    }
  }
  // "NPS by country, lowest first": an order for every group, as "rank" asks.
  const firstWord =
    /\b(?:(lowest|smallest|least|cheapest|worst|fewest)|highest|biggest|largest|best|most) first\b|\bin (?:(ascending)|descending) order\b/.exec(
      text,
    );
  if (firstWord) {
    const ascending = firstWord[1] !== undefined || firstWord[2] !== undefined;
    const worst = firstWord[0].startsWith("worst") || firstWord[0].startsWith("best");
    return {
      rule: {
        wanted: worst ? (ascending ? "worst" : "best") : ascending ? "asc" : "desc",
        word: firstWord[0],
        limit: null,
        groupBy: null,
        all: true,
        singular: false,
        byCount,
      },
      rest: cutOut(text, firstWord),
    };
  }
  for (const [pattern, wanted] of superlatives) {
    const word = pattern.exec(text);
    if (!word) continue;
    // "top 3 countries", "3 best channels", "which plan ... highest", "country with the most"
    const counted = new RegExp(
      `\\b(?:(${NUMBER}) )?${word[0]}(?: (${NUMBER}))?(?: (${DIM}))?\\b`,
    ).exec(text);
    let n = counted?.[1] ?? counted?.[2];
    let rest = text;
    let groupBy: DimensionId | null = null;
    let singular = true;
    if (counted?.[3]) {
      groupBy = dimensionOf(counted[3]);
      singular = !/s$/.test(counted[3]);
      rest = cutOut(rest, counted);
    } else {
      const which = new RegExp(
        `\\b(?:which|what)(?: (${NUMBER}))? (${DIM})(?: (?:has|have|had|is|are|was|were|with|got|gets|get|shows?|showed|brings?|brought|generated?|drives?|drove|sees?|saw|did|does|do|made|makes))?(?: (?:the|a))?\\b`,
      ).exec(rest);
      const withThe = new RegExp(
        `\\b(${DIM}) (?:with|having|has|that has|had|by) (?:the )?\\b`,
      ).exec(rest);
      // "which 3 channels bring the most signups": the count stands after "which".
      n ??= which?.[1];
      const found = which ? which[2]! : withThe?.[1];
      if (found) {
        groupBy = dimensionOf(found);
        singular = !/s$/.test(found) || (which !== null && which[1] === undefined);
        rest = cutOut(rest, (which ?? withThe)!);
      }
      const again = new RegExp(`\\b(?:(${NUMBER}) )?${word[0]}(?: (${NUMBER}))?\\b`).exec(rest);
      if (again) rest = cutOut(rest, again);
    }
    // "lowest churn plan", "highest revenue channel": the dimension named after the metric.
    if (!groupBy) {
      const named = new RegExp(`(?<!\\b(?:by|per|each|every|for each|across) )\\b(${DIM})\\b`).exec(
        rest,
      );
      if (named) {
        groupBy = dimensionOf(named[1]!);
        singular = !/s$/.test(named[1]!);
        rest = cutOut(rest, named);
      }
    }
    const limit = n !== undefined ? toNumber(n) : "default";
    return {
      rule: { wanted, word: word[0], limit, groupBy, all: false, singular, byCount },
      rest,
    };
  }
  return null;
}

// ---- several metrics -----------------------------------------------------

const metricJoiner = /^(?:and|&|plus|vs|versus|as well as|along with|together with|with|or)$/;

const askingWords = new Set(
  "how much many what is was are were the our my total number of also our".split(" "),
);

/** "revenue and orders", "churn, NPS and CSAT": every metric named in one row, in order; the rest keeps the first. */
export function takeMetrics(text: string): { metrics: Metrics; rest: string } | null {
  // Names in a row need a joining word between the last two: without one there is nothing to read.
  if (!/\b(?:and|plus|vs|versus|with|or|as well as|along with)\b|&/.test(text)) return null;
  const tokens = tokenize(text);
  const { metrics: phrases } = vocabulary();
  const spans: { start: number; end: number; metric: MetricId }[] = [];
  // Left to right: at each word the longest metric name that starts there.
  for (let i = 0; i < tokens.length; ) {
    let here: { end: number; metric: MetricId } | null = null;
    for (let n = Math.min(5, tokens.length - i); n > 0 && !here; n--) {
      const found = findPhrase(tokens.slice(i, i + n), phrases);
      if (found && found.start === 0 && found.end === n)
        here = { end: i + n, metric: found.phrase.target };
    }
    if (here) {
      spans.push({ start: i, end: here.end, metric: here.metric });
      i = here.end;
    } else i++;
  }
  if (spans.length < 2) return null;
  // The longest chain of metric names joined by "and", "&", "vs", ...; commas were dropped, so names
  // may also stand side by side ("churn nps and csat"), but the last two need a joining word.
  let best: typeof spans = [];
  let chain: typeof spans = [spans[0]!];
  for (let k = 1; k < spans.length; k++) {
    // "orders and how much revenue", "revenue and the number of new customers": question words
    // beside the joining word ask for the next metric too.
    const between = tokens
      .slice(spans[k - 1]!.end, spans[k]!.start)
      .map((t) => t.value)
      .filter((w) => !askingWords.has(w));
    const joinedByWord =
      between.length > 0 && between.length <= 3 && metricJoiner.test(between.join(" "));
    if (joinedByWord || between.length === 0) chain.push(spans[k]!);
    else chain = [spans[k]!];
    if (joinedByWord && chain.length > best.length) best = [...chain];
  }
  const [one, two, ...more] = new Set(best.map((s) => s.metric));
  if (!one || !two) return null;
  const first = best[0]!;
  const last = best.at(-1)!;
  const words = tokens.map((t) => t.value);
  const rest = [
    ...words.slice(0, first.start),
    ...words.slice(first.start, first.end),
    ";",
    ...words.slice(last.end),
  ].join(" ");
  return { metrics: [one, two, ...more], rest };
}

/** True when a higher value is bad news: "best" means the lowest. */
/**
 * Every plain word the rules read, for typo correction: a word the rules know
 * is no typo ("spenders" is not "genders"), and a typo of one is corrected to it.
 */
export const ruleWords: readonly string[] = [
  ...new Set(
    [
      explainLead.source,
      directions.source,
      PEOPLE,
      DEALS,
      churnVerb.source,
      signupVerb.source,
      spendWords.source,
      orderWords.source,
      rankUp.source,
      rankDown.source,
      ...superlatives.map(([pattern]) => pattern.source),
    ].flatMap((source) =>
      // Whole words only: "(?:es|ne)?" tails and escapes are not words.
      source
        .replace(/\\[a-z]/g, " ")
        .split(/[^a-z]+/)
        .filter((w) => w.length > 3),
    ),
  ),
];

export const lowerIsBetter = (metric: MetricId): boolean =>
  metrics.get(metric)?.lowerIsBetter === true;
