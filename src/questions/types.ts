/**
 * The interpretation of a question: the machine-readable contract of
 * ../shared/spec/questions.md (v1 and v2), field for field, every field
 * always present. It is the flat JSON form of the typed query (query.ts).
 */
import type { InsightQuestion } from "../insights/question.js";
import type { Compare, DimensionId, Filter, Grain, MetricId, Rank } from "../metrics/types.js";

export type Intent =
  | "metric"
  | "list"
  | "explain"
  | "forecast"
  | "insight"
  | "alert"
  | "help"
  | "unknown";

export interface Horizon {
  n: number;
  unit: "day" | "week" | "month" | "quarter" | "year";
}

export interface Interpretation {
  intent: Intent;
  metric: MetricId | null;
  /** Every metric asked for, in the order asked; `metric` is the first. */
  metrics: MetricId[];
  /** Half-open range [from, to) as YYYY-MM-DD, or null where the intent has no range. */
  from: string | null;
  to: string | null;
  grain: Grain | null;
  groupBy: DimensionId | null;
  compare: Compare | null;
  horizon: Horizon | null;
  filters: Filter[];
  rank: Rank | null;
  /** For `list`: whose rows. */
  entity: "customers" | "deals" | null;
  /** For `unknown`: up to 3 things the user may have meant. */
  suggestions: string[];
  /** Words of the question the interpretation did not use. */
  unused: string[];
  /** For `insight`: which predictive answer. */
  insight?: InsightQuestion["kind"];
}
