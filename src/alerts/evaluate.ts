/**
 * What a firing says, per kind of rule. Numbers come from the metric query
 * builder; the message carries the same answer (text and chart) a person
 * asking the question would get, and why it fired. Threshold and anomaly
 * rules fire once per episode: when a breach starts, and once more when it ends.
 */
import type { Database } from "../../db/client.js";
import { formatValue, rangeText } from "../answers/format.js";
import type { Assistant, Reply } from "../assistant/types.js";
import { PulseError } from "../errors.js";
import { addDays, addMonths, startOf } from "../metrics/calendar.js";
import { dimensions } from "../metrics/dimensions.js";
import { evaluate as evaluateFormula } from "../metrics/formula.js";
import { type MetricQuery, type MetricResult, runMetricQuery } from "../metrics/query.js";
import { getMetric } from "../metrics/registry.js";
import type { MetricId } from "../metrics/types.js";
import { parseQuestion } from "../questions/pipeline.js";
import { languageName } from "../sentiment/languages.js";
import { getWorkspace, localDate } from "../workspace/workspace.js";
import { expectedRange } from "./baseline.js";
import { describeDeal } from "./deals.js";
import { scheduleInWords } from "./describe.js";
import { planRank } from "./plans.js";
import type {
  AlertRule,
  ChangeDefinition,
  Comparison,
  EventCondition,
  EventDefinition,
  ThresholdDefinition,
} from "./types.js";
import { comparedRange, rangeOf, type Window, windowOf } from "./window.js";
import { periodInWords, rangeInUnit, volumeInWords, wasOf } from "./wording.js";

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** One message a firing posts. */
export interface OutcomeMessage {
  heading: string;
  why: string;
  questions: string[];
}

/** What evaluating one firing decided. */
export interface Outcome {
  /**
   * Null: nothing to say this time (no breach, or still in the same episode).
   * A per-group rule says one message per group whose episode started or
   * ended: the first here, the others in `more`.
   */
  message: OutcomeMessage | null;
  more?: OutcomeMessage[];
  /** The episode state to store on the rule. */
  inEpisode: boolean;
  /** Per-group rules: the groups now in a breach, sorted. */
  groups?: string[];
}

export interface EvaluateDeps {
  db: Database;
  assistant: Assistant;
}

const compare = (a: number, op: Comparison | EventCondition["op"], b: number): boolean => {
  switch (op) {
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case "=":
      return a === b;
  }
};

const words: Record<Comparison, string> = {
  ">": "above",
  ">=": "at or above",
  "<": "below",
  "<=": "at or below",
};

/** The ratio's denominator, or the value of a count: what must be large enough to trust a rate. */
function volumeOf(metric: MetricId, measures: MetricResult["measures"]): number {
  const formula = getMetric(metric).formula;
  const target = formula.op === "ratio" ? formula.denominator : formula;
  return Math.abs(evaluateFormula(target, measures) ?? 0);
}

/**
 * The rule's typed query over its window's range on `today`. Rules made
 * before typed queries were stored hold words only: those are read here.
 */
function ruleQuery(
  def: ThresholdDefinition | ChangeDefinition,
  today: string,
): { query: MetricQuery; window: Window } {
  if (def.query) {
    const { metric, filters, groupBy, window } = def.query;
    return { query: { metric, filters, groupBy, ...rangeOf(window, today) }, window };
  }
  const interpretation = parseQuestion(def.question, today);
  if (interpretation.intent !== "metric" || !interpretation.metric || !interpretation.from)
    throw new PulseError(
      "query_invalid",
      `The alert's question "${def.question}" names no metric.`,
    );
  const range = { from: interpretation.from, to: interpretation.to! };
  return { query: { metric: interpretation.metric, ...range }, window: windowOf(range, today) };
}

/**
 * The range a threshold rule was checked over, in words: "over 6 November -
 * 5 December 2026". A window of full days ends yesterday while the rule may
 * be checked every hour: the message says today is not in it yet.
 */
function overInWords(query: MetricQuery, today: string): string {
  const range = `over ${rangeText(query.from, query.to)}`;
  return query.to === today
    ? `${range} (full days to yesterday: today counts once it is over)`
    : range;
}

const episode = (
  rule: AlertRule,
  breach: boolean,
  start: { heading: string; why: string },
  end: { heading: string; why: string },
  questions: string[],
): Outcome => {
  if (breach && !rule.inEpisode) return { message: { ...start, questions }, inEpisode: true };
  if (!breach && rule.inEpisode) return { message: { ...end, questions: [] }, inEpisode: false };
  return { message: null, inEpisode: breach };
};

/** Evaluates a scheduled firing of `rule` at `now`. */
export async function evaluateRule(
  deps: EvaluateDeps,
  rule: AlertRule,
  now: Date,
): Promise<Outcome> {
  const workspace = await getWorkspace(deps.db, rule.workspaceId);
  const today = localDate(now, workspace.timezone);
  const def = rule.definition;
  const context = { workspaceId: workspace.id, timezone: workspace.timezone };
  const fmt = (v: number | null, metric: MetricId) =>
    formatValue(v, getMetric(metric).unit, workspace.currency, getMetric(metric).decimals);
  switch (def.kind) {
    case "unreadable":
      throw new PulseError(
        "query_invalid",
        `Alert ${rule.id} was stored in a form this version of Pulse cannot read (${def.problem}); edit it, or delete it and make it again.`,
      );
    case "digest":
      return {
        message: {
          heading: `Alert ${rule.id}: ${rule.title}`,
          why: rule.schedule
            ? `Scheduled digest, sent ${scheduleInWords(rule.schedule, rule.timezone)}.`
            : "Scheduled digest.",
          questions: def.questions,
        },
        inEpisode: false,
      };
    case "threshold": {
      const { query } = ruleQuery(def, today);
      const result = await runMetricQuery(deps.db, query, context);
      const metric = result.metric;
      const label = capitalise(getMetric(metric).label);
      const limit = fmt(def.value, metric);
      const over = overInWords(query, today);
      const breaches = (value: number | null, volume: number) =>
        value !== null && volume >= def.minVolume && compare(value, def.comparison, def.value);
      if (query.groupBy) {
        // Per group: each group is an episode of its own. A group is announced when it starts
        // breaching and once more when it is back to normal, whatever the other groups do.
        const dimension = dimensions[query.groupBy].label;
        const groups = result.groups ?? [];
        const breaching = groups
          .filter((g) => breaches(g.value, volumeOf(metric, g.measures)))
          .map((g) => String(g.key))
          .sort();
        // A rule in an episode from before groups were kept: its breaching groups were announced.
        const before =
          rule.inEpisode && rule.episodeGroups.length === 0 ? breaching : rule.episodeGroups;
        const groupOf = (key: string) => groups.find((g) => String(g.key) === key);
        const started = breaching.filter((k) => !before.includes(k));
        const ended = before.filter((k) => !breaching.includes(k));
        const messages: OutcomeMessage[] = [
          ...started.map((key, i) => {
            const g = groupOf(key)!;
            return {
              heading: `Alert ${rule.id}: ${label} for ${dimension} ${key} is ${fmt(g.value, metric)}, ${words[def.comparison]} ${limit}.`,
              why: `Fired because ${getMetric(metric).label} by ${dimension} ${over} went ${words[def.comparison]} ${limit} for ${dimension} ${key}${volumeInWords(metric, volumeOf(metric, g.measures), def.minVolume, workspace.currency)}. Each ${dimension} is watched on its own: you will hear about ${key} once more when it is back to normal.`,
              // The answer (every group) goes under the first message only.
              questions: i === 0 ? [def.question] : [],
            };
          }),
          ...ended.map((key) => {
            const g = groupOf(key);
            const now = g && g.value !== null ? ` It is ${fmt(g.value, metric)}.` : "";
            return {
              heading: `Alert ${rule.id}: back to normal for ${dimension} ${key}. ${label} is no longer ${words[def.comparison]} ${limit}.${now}`,
              why: `${capitalise(dimension)} ${key} is no longer ${words[def.comparison]} ${limit} with a volume of at least ${def.minVolume}.`,
              questions: [],
            };
          }),
        ];
        return {
          message: messages[0] ?? null,
          more: messages.slice(1),
          inEpisode: breaching.length > 0,
          groups: breaching,
        };
      }
      const volume = volumeOf(metric, result.measures);
      const value = result.value;
      return episode(
        rule,
        breaches(value, volume),
        {
          heading: `Alert ${rule.id}: ${label} is ${fmt(value, metric)}, ${words[def.comparison]} ${limit}.`,
          why: `Fired because ${getMetric(metric).label} ${over} went ${words[def.comparison]} ${limit}${volumeInWords(metric, volume, def.minVolume, workspace.currency)}. You will hear once more when it is back to normal.`,
        },
        {
          heading: `Alert ${rule.id}: back to normal. ${label} is ${fmt(value, metric)}.`,
          why: `No longer ${words[def.comparison]} ${limit} ${over}${volume < def.minVolume ? ", or too little volume to count" : ""}.`,
        },
        [def.question],
      );
    }
    case "change": {
      // "vs last week" compares the same days a week earlier; otherwise the period just before,
      // a full week with a full week when the rule watches "last week".
      const against = def.against ?? "period";
      const { query, window } = ruleQuery(def, today);
      const result = await runMetricQuery(deps.db, query, context);
      const earlier = comparedRange(window, query, against);
      const previous = (await runMetricQuery(deps.db, { ...query, ...earlier }, context)).value;
      const value = result.value;
      if (
        value === null ||
        previous === null ||
        previous === 0 ||
        volumeOf(result.metric, result.measures) < def.minVolume
      )
        return { message: null, inEpisode: rule.inEpisode };
      const change = ((value - previous) / Math.abs(previous)) * 100;
      const fires =
        (def.direction !== "up" && change <= -def.percent) ||
        (def.direction !== "down" && change >= def.percent);
      const label = capitalise(getMetric(result.metric).label);
      const moved = `${change < 0 ? "down" : "up"} ${Math.abs(change).toFixed(1)}%`;
      const vs = `${rangeText(query.from, query.to)} vs ${rangeText(earlier.from, earlier.to)}`;
      return episode(
        rule,
        fires,
        {
          heading: `Alert ${rule.id}: ${label} is ${moved} (${fmt(value, result.metric)} vs ${fmt(previous, result.metric)}, ${vs}).`,
          why: `Fired because the change is more than ${def.percent}% ${def.direction === "either" ? "either way" : def.direction}.`,
        },
        {
          heading: `Alert ${rule.id}: back to normal. ${label} is ${moved} (${vs}).`,
          why: `The change is within ${def.percent}% again.`,
        },
        [def.question],
      );
    }
    case "anomaly": {
      const metric = def.metric;
      // The latest complete period and the history before it: enough for the forecasting model.
      const end = startOf(today, def.grain);
      const from =
        def.grain === "day"
          ? addDays(end, -92)
          : def.grain === "week"
            ? addDays(end, -53 * 7)
            : addMonths(startOf(end, "month"), -37);
      const result = await runMetricQuery(
        deps.db,
        { metric, from, to: end, grain: def.grain },
        { workspaceId: workspace.id, timezone: workspace.timezone },
      );
      const series = result.series ?? [];
      const latest = series.at(-1);
      if (!latest || latest.value === null) return { message: null, inEpisode: rule.inEpisode };
      // Periods before the first with data are before the business had any: not zeros to learn from.
      const prior = series.slice(0, -1);
      const first = prior.findIndex((p) => p.value !== null && p.value !== 0);
      const history = first < 0 ? [] : prior.slice(first).map((p) => p.value ?? 0);
      const range = expectedRange(history, def.grain);
      if (!range) return { message: null, inEpisode: rule.inEpisode };
      const outside = latest.value < range.low || latest.value > range.high;
      const label = capitalise(getMetric(metric).label);
      const expected = rangeInUnit(range.low, range.high, metric, fmt);
      const when = periodInWords(latest.from, latest.to, def.grain);
      const was = wasOf(metric);
      return episode(
        rule,
        outside,
        {
          heading: `Alert ${rule.id}: ${label} ${was} ${fmt(latest.value, metric)} ${when}, outside the expected range of ${expected}.`,
          why: `Fired because the value is ${latest.value > range.high ? "above" : "below"} the range its history predicts (expected about ${fmt(range.center, metric)}: ${range.method}).`,
        },
        {
          heading: `Alert ${rule.id}: back to normal. ${label} ${was} ${fmt(latest.value, metric)} ${when}.`,
          why: `Within the expected range ${expected} again.`,
        },
        [
          `${label} by ${def.grain} over the last ${def.grain === "day" ? "8 weeks" : def.grain === "week" ? "9 weeks" : "9 months"}`,
        ],
      );
    }
    case "event":
      throw new PulseError("query_invalid", "Event rules fire from new rows, not on a schedule.");
  }
}

/**
 * What "send a test of alert N" posts: what the rule would say if it fired
 * now, or that it would not fire with the current number under it. The
 * rule's episode is neither read nor moved.
 */
export async function evaluateTest(
  deps: EvaluateDeps,
  rule: AlertRule,
  now: Date,
): Promise<{ heading: string; why: string; questions: string[] }> {
  const test = (m: { heading: string; why: string; questions: string[] }) => ({
    ...m,
    heading: `Test of alert ${rule.id}. ${m.heading}`,
    why: `A test, sent because you asked: ${m.why}`,
  });
  const def = rule.definition;
  if (def.kind === "event")
    return test({
      heading: `Alert ${rule.id} posts here as each matching ${def.source} arrives.`,
      why: `${rule.title}.`,
      questions: [],
    });
  const outcome = await evaluateRule(deps, { ...rule, inEpisode: false, episodeGroups: [] }, now);
  if (outcome.message) {
    // A per-group rule says each breaching group: one test message names them all.
    const all = [outcome.message, ...(outcome.more ?? [])];
    return test({
      ...outcome.message,
      heading: all.map((m) => m.heading).join("\n"),
    });
  }
  return test({
    heading: `Alert ${rule.id} would not fire now.`,
    why: `${rule.title}. The current number is below.`,
    questions: def.kind === "threshold" || def.kind === "change" ? [def.question] : [],
  });
}

/** Whether a logged row matches every condition of an event rule. */
export function matchesEvent(def: EventDefinition, row: Record<string, unknown>): boolean {
  return def.conditions.every((c) => {
    const value = row[c.field];
    if (value === null || value === undefined) return false;
    if (typeof c.value === "number") {
      const n = Number(value);
      return Number.isFinite(n) && compare(n, c.op, c.value);
    }
    if (c.op === "=") return String(value).toLowerCase() === c.value.toLowerCase();
    // "a plan above basic": plans compare in their usual order (plans.ts).
    const rank = planRank(String(value));
    const limit = planRank(c.value);
    return c.field === "plan" && rank !== null && limit !== null && compare(rank, c.op, limit);
  });
}

/** A comment's sentiment, themes and language (survey detractors carry them), as a sentence. */
function feedbackText(row: Record<string, unknown>): string {
  const properties = (
    typeof row.properties === "string" ? JSON.parse(row.properties) : (row.properties ?? {})
  ) as { themes?: string[]; language?: string | null };
  const parts: string[] = [];
  if (typeof row.sentiment === "number") parts.push(`sentiment ${row.sentiment.toFixed(2)}`);
  if (properties.themes?.length) parts.push(`about ${properties.themes.join(", ")}`);
  if (properties.language) parts.push(`in ${languageName(properties.language)}`);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

/** The heading of an event alert: what arrived, in a sentence. */
export function describeEvent(
  rule: AlertRule,
  def: EventDefinition,
  row: Record<string, unknown>,
  currency: string,
  timezone: string,
  /** Whether the rule's chat may see customers' names (an allowed direct message), and the customer's. */
  names: { allowed: boolean; customer: string | null } = { allowed: false, customer: null },
): { heading: string; why: string } {
  const customer = row.customer_id ?? row.id;
  const on = (value: unknown) =>
    value
      ? ` on ${new Intl.DateTimeFormat("en-GB", { timeZone: timezone, day: "numeric", month: "short", year: "numeric" }).format(new Date(String(value)))}`
      : "";
  const detail = (() => {
    switch (def.source) {
      case "order":
        return `New order ${row.id} of ${formatValue(Number(row.amount), "money", currency)} from customer ${row.customer_id}${row.category ? ` (${row.category})` : ""}${on(row.ordered_at)}.`;
      case "signup":
        return `New signup: customer ${row.id}${row.plan ? ` on plan ${row.plan}` : ""}${row.channel ? ` from ${row.channel}` : ""}.`;
      case "churn":
        return `Customer ${row.id}${row.plan ? ` (plan ${row.plan})` : ""} churned.`;
      case "deal":
        return describeDeal(row, currency, names);
      case "event": {
        const text = typeof row.text === "string" && row.text ? `: "${row.text}"` : "";
        // A survey answer carries its score (and survey kind) in the event's properties.
        const props = (
          typeof row.properties === "string" ? JSON.parse(row.properties) : (row.properties ?? {})
        ) as { score?: unknown; kind?: unknown };
        const score =
          props.score !== undefined
            ? ` (${typeof props.kind === "string" ? `${props.kind.toUpperCase()} ` : ""}score ${props.score})`
            : "";
        // The customer's name only where personal data may go (an allowed direct message).
        const who =
          names.allowed && names.customer
            ? `${names.customer} (customer ${customer})`
            : `customer ${customer}`;
        return `${String(row.kind).replace(/_/g, " ")}${customer ? ` from ${who}` : ""}${score}${text}.${feedbackText(row)}`;
      }
    }
  })();
  const conditions = def.conditions.map((c) => `${c.field} ${c.op} ${c.value}`).join(" and ");
  return {
    heading: `Alert ${rule.id}: ${detail}`,
    why: `Fired because a ${def.source === "deal" ? "deal" : `new ${def.source}`} matched ${conditions || "the rule"} (${rule.title}).`,
  };
}

export type { Reply };
