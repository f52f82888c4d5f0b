/** What a number is measured in; decides formatting and chart axes. */
export type Unit = "count" | "percent" | "money" | "score";

export type { MetricId } from "./registry.js";

import type { MetricId } from "./registry.js";

export type DimensionId =
  | "plan"
  | "channel"
  | "country"
  | "gender"
  | "age_band"
  | "segment"
  | "engagement"
  | "category"
  | "stage"
  | "owner"
  | "source"
  | "kind";

/** The primitive aggregates every metric is built from; each is one SQL aggregate. */
export type MeasureId =
  | "customers_at_start"
  | "customers_at_end"
  | "signups"
  | "churned"
  | "order_revenue"
  | "order_count"
  | "spend"
  | "nps_promoters"
  | "nps_detractors"
  | "nps_responses"
  | "csat_satisfied"
  | "csat_responses"
  | "ces_score_sum"
  | "ces_responses"
  | "deals_won"
  | "deals_closed"
  | "pipeline"
  | "deals_created"
  | "deals_created_won"
  | "sentiment_sum"
  | "sentiment_count"
  | "prompts_sent"
  | "prompts_answered"
  | "web_visits"
  | "visitors"
  | "email_opens"
  | "email_clicks"
  | "support_tickets"
  | "social_mentions";

export type Grain = "day" | "week" | "month" | "quarter" | "year";

/**
 * Keeps (`in`) or drops (`not_in`) the rows whose dimension value is one of
 * `values`. Values are canonical (questions.md v2): country ISO alpha-2,
 * gender f/m/x, and workspace values (plan, channel, ...) as stored,
 * compared case-insensitively. Several filters combine with AND.
 */
export interface Filter {
  dimension: DimensionId;
  op: "in" | "not_in";
  values: readonly string[];
}

/** Groups in rank order: `limit` null keeps every group. */
export interface Rank {
  order: "desc" | "asc";
  limit: number | null;
}
export type Compare = "previous_period" | "previous_year";

/**
 * A metric's value as arithmetic over measures. A ratio whose denominator is
 * zero (or whose parts are themselves undefined) is "no data": null.
 */
export type Formula =
  | { op: "measure"; measure: MeasureId }
  | { op: "ratio"; numerator: Formula; denominator: Formula; scale: number }
  | { op: "difference"; left: Formula; right: Formula };

/** `Id` is a plain string only while the registry itself is being checked. */
export interface MetricDefinition<Id extends string = MetricId> {
  id: Id;
  /** Short name for people: "churn rate". */
  label: string;
  unit: Unit;
  /** One sentence: what the number means. */
  description: string;
  /** The formula as metrics.md writes it, for footnotes and "Explain". */
  formulaText: string;
  formula: Formula;
  /** Dimensions this metric can be grouped by. */
  dimensions: readonly DimensionId[];
  /** Other words people use for it; the question parser reads these. */
  synonyms: readonly string[];
  /** Decimal places people expect (NPS 32, CES 5.4, sentiment 0.31); by unit when absent. */
  decimals?: number;
  /** True when a higher value is bad news (churn, CAC): changes read as "worse". */
  lowerIsBetter?: boolean;
}

export interface DimensionDefinition {
  id: DimensionId;
  label: string;
  /** Other words people use for it ("age group" for age_band). */
  synonyms: readonly string[];
}

export interface MeasureDefinition {
  id: MeasureId;
  /** How the footnote names it: "customers at start of period". */
  label: string;
  unit: Unit;
  /**
   * How the value over a range follows from its consecutive sub-periods: added
   * up (sums, counts), taken from the first or last one (states at an instant),
   * or not at all: a distinct count ("customers who visited") is counted over
   * the whole range itself, since a customer may fall in several parts.
   */
  over: "sum" | "first" | "last" | "distinct";
}
