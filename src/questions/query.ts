/**
 * The typed query: what one question asks, one variant per intent. The
 * question pipeline produces it, follow-ups refine it, and the assistant,
 * answers and buttons consume it. `interpretationOf` flattens it into the
 * JSON contract of questions.md (every field, always).
 *
 * A leaf: it imports types only.
 */
import type { InsightQuestion } from "../insights/question.js";
import type { Compare, DimensionId, Filter, Grain, MetricId, Rank } from "../metrics/types.js";
import type { Horizon, Interpretation } from "./types.js";

/** Half-open range [from, to) as workspace-local dates YYYY-MM-DD. */
export interface Range {
  from: string;
  to: string;
}

export type Entity = "customers" | "deals";

export interface Said {
  /** Words of the question the query does not use (filler such as "what", "please" excluded). */
  unused: string[];
}

/** Every metric asked for, in the order asked: never empty, so the first is always there. */
export type Metrics = [MetricId, ...MetricId[]];

export interface MetricAsk extends Said {
  intent: "metric";
  metrics: Metrics;
  filters: Filter[];
  groupBy: DimensionId | null;
  rank: Rank | null;
  grain: Grain | null;
  compare: Compare | null;
  range: Range;
}

export interface ListAsk extends Said {
  intent: "list";
  entity: Entity;
  metric: MetricId;
  filters: Filter[];
  rank: Rank | null;
  range: Range;
}

export interface ExplainAsk extends Said {
  intent: "explain";
  metric: MetricId;
  filters: Filter[];
  compare: Compare;
  range: Range;
  /** The direction the question assumed ("why did revenue drop"), so a wrong premise is said; null when none. */
  asked: "rise" | "drop" | null;
  /** The one dimension asked for ("why ... by segment"); null: every dimension not computed from the metric. */
  groupBy?: DimensionId | null;
}

export interface ForecastAsk extends Said {
  intent: "forecast";
  metric: MetricId;
  filters: Filter[];
  groupBy: DimensionId | null;
  grain: Grain;
  horizon: Horizon;
  /** The future range the horizon covers. */
  range: Range;
}

export interface InsightAsk extends Said {
  intent: "insight";
  insight: InsightQuestion;
}

export interface AlertAsk extends Said {
  intent: "alert";
}

export interface HelpAsk extends Said {
  intent: "help";
}

export interface UnknownAsk extends Said {
  intent: "unknown";
  /** Up to 3 things the user may have meant. */
  suggestions: string[];
  /** Why it was not answered, when a part was understood but another could not be applied. */
  reason: string | null;
}

export type Query =
  | MetricAsk
  | ListAsk
  | ExplainAsk
  | ForecastAsk
  | InsightAsk
  | AlertAsk
  | HelpAsk
  | UnknownAsk;

export type Intent = Query["intent"];

export const unknownQuery = (
  suggestions: string[],
  unused: string[] = [],
  reason: string | null = null,
): UnknownAsk => ({ intent: "unknown", suggestions, unused, reason });

/** A query about numbers of a metric: every one has a first metric. */
export type Measured = MetricAsk | ListAsk | ExplainAsk | ForecastAsk;

/** The first (or only) metric a query about numbers is about. */
export const measuredMetric = (query: Measured): MetricId =>
  query.intent === "metric" ? query.metrics[0] : query.metric;

/** The first (or only) metric a query is about, or null when it is about none. */
export function metricOf(query: Query): MetricId | null {
  switch (query.intent) {
    case "metric":
    case "list":
    case "explain":
    case "forecast":
      return measuredMetric(query);
    default:
      return null;
  }
}

/** The flat JSON contract of questions.md: every field of v1 and v2, always present. */
export function interpretationOf(query: Query): Interpretation {
  const empty: Interpretation = {
    intent: query.intent,
    metric: null,
    metrics: [],
    from: null,
    to: null,
    grain: null,
    groupBy: null,
    compare: null,
    horizon: null,
    filters: [],
    rank: null,
    entity: null,
    suggestions: [],
    unused: query.unused,
  };
  switch (query.intent) {
    case "metric":
      return {
        ...empty,
        metric: query.metrics[0] ?? null,
        metrics: query.metrics,
        ...query.range,
        grain: query.grain,
        groupBy: query.groupBy,
        compare: query.compare,
        filters: query.filters,
        rank: query.rank,
      };
    case "list":
      return {
        ...empty,
        metric: query.metric,
        metrics: [query.metric],
        ...query.range,
        filters: query.filters,
        rank: query.rank,
        entity: query.entity,
      };
    case "explain":
      return {
        ...empty,
        metric: query.metric,
        metrics: [query.metric],
        ...query.range,
        compare: query.compare,
        filters: query.filters,
        groupBy: query.groupBy ?? null,
      };
    case "forecast":
      return {
        ...empty,
        metric: query.metric,
        metrics: [query.metric],
        ...query.range,
        grain: query.grain,
        groupBy: query.groupBy,
        horizon: query.horizon,
        filters: query.filters,
      };
    case "insight": {
      const { insight } = query;
      const range = "range" in insight ? insight.range : null;
      return {
        ...empty,
        insight: insight.kind,
        from: range?.from ?? null,
        to: range?.to ?? null,
        groupBy:
          insight.kind === "risk_by"
            ? insight.dimension
            : insight.kind === "profitability"
              ? insight.by
              : null,
      };
    }
    case "unknown":
      return { ...empty, suggestions: query.suggestions };
    default:
      return empty;
  }
}
