/**
 * "What changed" (issue #26): the few headline metrics whose change over the
 * last complete week or month stands out against their own history, ranked
 * by how unusual the change is (not by its size), at most five, each with its
 * drivers (explain.ts) and, when it moves the wrong way, where it gets at
 * this pace. Nothing stands out: no items, and the digest posts nothing
 * unless asked to say "all quiet".
 *
 * A metric stands out when its value lies at least OFF_TREND deviations
 * off the trend line of the periods before (12 weeks before a week, 12
 * months before a month; offTrend). Seven metrics are judged each time, so
 * about one digest in twenty-five names a change that is only noise.
 */
import type { Queryable } from "../../db/client.js";
import { leastSquares } from "../answers/trend.js";
import { addDays, addMonths, startOf } from "../metrics/calendar.js";
import { evaluate } from "../metrics/formula.js";
import type { QueryContext } from "../metrics/query.js";
import { getMetric } from "../metrics/registry.js";
import type { MetricId } from "../metrics/types.js";
import { type Driver, runExplain } from "./explain.js";
import { type Step, stepsOf } from "./history.js";
import { MIN_HISTORY } from "./stands-out.js";

/**
 * One metric per family, so one cause is one item: orders and average order
 * value move with revenue, active and churned customers with sign-ups and
 * churn rate.
 */
export const headlineMetrics: readonly MetricId[] = [
  "revenue",
  "new_customers",
  "churn_rate",
  "nps",
  "csat",
  "win_rate",
  "pipeline_value",
];

/** Deviations off its trend line at which a metric's value stands out. */
export const OFF_TREND = 3.5;
/** Items in one digest. */
export const MAX_ITEMS = 5;
/** Drivers named per item. */
const DRIVERS_PER_ITEM = 3;
/** Periods ahead a pace is projected. */
const AHEAD = 3;

export interface WhatChangedQuery {
  period: "week" | "month";
  /** Today in the workspace's zone: the last complete period is the one before today's. */
  today: string;
  metrics?: readonly MetricId[];
}

export interface PaceRisk {
  /** The metric's value at this pace at the end of `at` (the period AHEAD periods on). */
  value: number;
  at: { from: string; to: string };
}

export interface WhatChangedItem {
  metric: MetricId;
  from: string;
  to: string;
  previousRange: { from: string; to: string };
  value: number;
  previous: number;
  delta: number;
  /** How many deviations the change lies from the metric's usual change. */
  unusual: number;
  /** The most telling drivers (at most three; those that stand out first, each saying whether it does). */
  drivers: Driver[];
  /** Where the metric is heading at the pace of its last periods, when that is the wrong way. */
  risk: PaceRisk | null;
}

export interface WhatChangedResult {
  period: "week" | "month";
  from: string;
  to: string;
  items: WhatChangedItem[];
}

/** The last complete week (Monday to Monday) or month before `today`. */
export function lastComplete(
  period: "week" | "month",
  today: string,
): { from: string; to: string } {
  const to = startOf(today, period);
  return { from: period === "week" ? addDays(to, -7) : addMonths(to, -1), to };
}

interface Levels {
  value: number;
  previous: number;
  /** The metric in the earlier periods with data, oldest first. */
  history: number[];
}

/** The metric now, in the period before, and over its history; null with too little data to judge. */
function levelsOf(metric: MetricId, steps: Step[]): Levels | null {
  const { formula } = getMetric(metric);
  const [current, ...earlier] = steps;
  const value = current && evaluate(formula, current.whole.current);
  const previous = current && evaluate(formula, current.whole.previous);
  if (value === null || value === undefined || previous === null || previous === undefined)
    return null;
  const history = earlier
    .filter((s) => Object.values(s.whole.current).some((v) => v !== 0))
    .map((s) => evaluate(formula, s.whole.current))
    .filter((v): v is number => v !== null)
    .reverse();
  return history.length < MIN_HISTORY ? null : { value, previous, history };
}

/**
 * How many deviations the value lies off the least-squares line of the
 * periods before, extended one period: a growing metric's new high is not
 * unusual, a level that leaves its line is (the residual spread, widened
 * for the line being estimated).
 */
export function offTrend(value: number, history: readonly number[]): number {
  const n = history.length;
  const line = leastSquares(history);
  const slope = n > 1 ? (line.end - line.start) / (n - 1) : 0;
  const residuals = history.map((y, x) => y - (line.start + slope * x));
  const residual = Math.sqrt(residuals.reduce((a, r) => a + r * r, 0) / Math.max(1, n - 2));
  const meanX = (n - 1) / 2;
  const sxx = history.reduce((a, _, x) => a + (x - meanX) ** 2, 0);
  const widen = Math.sqrt(1 + 1 / n + (n - meanX) ** 2 / Math.max(sxx, 1e-12));
  const deviation = Math.max(residual * widen, Math.abs(line.end) * 1e-6, 1e-12);
  return (value - (line.end + slope)) / deviation;
}

/** The value AHEAD periods on at the pace of the last six, when that is worse than now. */
function paceRisk(
  metric: MetricId,
  values: number[],
  period: "week" | "month",
  range: { from: string; to: string },
): PaceRisk | null {
  const recent = values.slice(-6);
  if (recent.length < 3) return null;
  const line = leastSquares(recent);
  const step = (line.end - line.start) / (recent.length - 1);
  const value = line.end + step * AHEAD;
  const worse = getMetric(metric).lowerIsBetter ? value > recent.at(-1)! : value < recent.at(-1)!;
  if (!worse || step === 0) return null;
  const move = (date: string, n: number) =>
    period === "week" ? addDays(date, 7 * n) : addMonths(date, n);
  return { value, at: { from: move(range.from, AHEAD), to: move(range.to, AHEAD) } };
}

export async function whatChanged(
  db: Queryable,
  query: WhatChangedQuery,
  context: QueryContext,
): Promise<WhatChangedResult> {
  const range = lastComplete(query.period, query.today);
  const metrics = query.metrics ?? headlineMetrics;
  const judged = await Promise.all(
    metrics.map(async (metric) => {
      const steps = await stepsOf(
        db,
        { metric, range, compare: "previous_period", filters: [] },
        null,
        context,
      );
      const levels = levelsOf(metric, steps);
      if (!levels) return null;
      const z = offTrend(levels.value, levels.history);
      return Math.abs(z) >= OFF_TREND ? { metric, z, levels } : null;
    }),
  );
  const standing = judged
    .filter((j) => j !== null)
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z))
    .slice(0, MAX_ITEMS);
  const items = await Promise.all(
    standing.map(async ({ metric, z, levels }): Promise<WhatChangedItem> => {
      const explained = await runExplain(db, { metric, ...range }, context);
      return {
        metric,
        ...range,
        previousRange: explained.previousRange,
        value: levels.value,
        previous: levels.previous,
        delta: levels.value - levels.previous,
        unusual: z,
        drivers: explained.drivers.slice(0, DRIVERS_PER_ITEM),
        risk: paceRisk(metric, [...levels.history, levels.value], query.period, range),
      };
    }),
  );
  return { period: query.period, ...range, items };
}
