/**
 * The predictive questions (churn risk, profitability, complaint themes) as
 * data: what the reader produces and the typed query carries. A leaf, so the
 * query types need not reach the matcher or the answers.
 */
import type { ProfitabilityBy } from "../profitability/ltv-cac.js";
import type { DateRange } from "../questions/time-expressions.js";

/** The dimensions churn risk can be broken down by. */
export const riskDimensions = ["plan", "channel", "country", "segment"] as const;
export type RiskDimension = (typeof riskDimensions)[number];

export type InsightQuestion =
  | { kind: "at_risk" }
  | { kind: "risk_by"; dimension: RiskDimension | null; asked: string }
  | { kind: "profitability"; by: ProfitabilityBy; range: DateRange }
  | { kind: "themes"; range: DateRange };
