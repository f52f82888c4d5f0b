/**
 * The interpretation of a question: the machine-readable contract of
 * ../shared/spec/questions.md, field for field.
 */
import type { Compare, DimensionId, Grain, MetricId } from "../metrics/types.js";

export type Intent = "metric" | "forecast" | "help" | "unknown";

export interface Horizon {
  n: number;
  unit: "day" | "week" | "month" | "quarter" | "year";
}

export interface Interpretation {
  intent: Intent;
  metric: MetricId | null;
  /** Half-open range [from, to) as YYYY-MM-DD, or null where the intent has no range. */
  from: string | null;
  to: string | null;
  grain: Grain | null;
  groupBy: DimensionId | null;
  compare: Compare | null;
  horizon: Horizon | null;
  /** For `unknown`: up to 3 things the user may have meant. */
  suggestions: string[];
}
