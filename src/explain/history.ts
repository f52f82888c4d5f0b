/**
 * The change being explained and the same change over the periods before it,
 * group by group, for one dimension: what "stands out" is measured against
 * (stands-out.ts). Step 0 is the range against its comparison; step k is the
 * range moved back k periods of its own length against its comparison.
 *
 * A range that is one whole calendar period (a day, a week, a month, a
 * quarter, a year) is read as one series by that grain per dimension: one
 * query gives every step. Any other range is read step by step.
 */
import type { Queryable } from "../../db/client.js";
import {
  addDays,
  addMonths,
  type DateRange,
  nextStart,
  shiftWith,
  startOf,
} from "../metrics/calendar.js";
import { type Measures, type QueryContext, runMetricQuery } from "../metrics/query.js";
import type { Compare, DimensionId, Filter, Grain, MetricId } from "../metrics/types.js";
import type { GroupMeasures } from "./decompose.js";

export interface Step {
  range: DateRange;
  whole: { current: Measures; previous: Measures };
  /** Every group seen in any step, in the same order in every step; absent ones have no measures. */
  groups: GroupMeasures[];
}

export interface StepsQuery {
  metric: MetricId;
  range: DateRange;
  compare: Compare;
  filters: readonly Filter[];
}

/** How many periods before the range its change is compared with, by the range's grain. */
export const HISTORY: Record<Grain, number> = {
  day: 28,
  week: 12,
  month: 12,
  quarter: 8,
  year: 3,
};
/** Ranges of another length (the last 30 days) are read step by step: fewer steps. */
const OTHER_HISTORY = 6;

const grains: readonly Grain[] = ["day", "week", "month", "quarter", "year"];

/** The grain of a range that is exactly one calendar period, else null. */
export function grainOf(range: DateRange): Grain | null {
  return (
    grains.find(
      (g) => startOf(range.from, g) === range.from && nextStart(range.from, g) === range.to,
    ) ?? null
  );
}

/** How many periods of the grain back the comparison is; null when it is no whole number of them. */
function compareOffset(grain: Grain, compare: Compare): number | null {
  if (compare === "previous_period") return 1;
  return { month: 12, quarter: 4, year: 1, week: null, day: null }[grain];
}

/**
 * Steps 0..history of one dimension (null: the metric as a whole, one group
 * ""); with `current` only step 0.
 */
export async function stepsOf(
  db: Queryable,
  query: StepsQuery,
  dimension: DimensionId | null,
  context: QueryContext,
  current = false,
): Promise<Step[]> {
  const grain = grainOf(query.range);
  const offset = grain && compareOffset(grain, query.compare);
  return grain && offset
    ? seriesSteps(db, query, dimension, context, grain, offset, current ? 0 : HISTORY[grain])
    : windowSteps(db, query, dimension, context, current ? 0 : OTHER_HISTORY);
}

/** Moves a period back `n` periods of the grain. */
function back(start: string, grain: Grain, n: number): string {
  if (grain === "day" || grain === "week") return addDays(start, -(grain === "day" ? 1 : 7) * n);
  return addMonths(start, -n * { month: 1, quarter: 3, year: 12 }[grain]);
}

async function seriesSteps(
  db: Queryable,
  query: StepsQuery,
  dimension: DimensionId | null,
  context: QueryContext,
  grain: Grain,
  offset: number,
  history: number,
): Promise<Step[]> {
  const result = await runMetricQuery(
    db,
    {
      metric: query.metric,
      from: back(query.range.from, grain, history + offset),
      to: query.range.to,
      grain,
      groupBy: dimension,
      filters: query.filters,
    },
    context,
  );
  const whole = result.series ?? [];
  const groups = result.groups ?? [];
  const last = whole.length - 1;
  const steps: Step[] = [];
  for (let k = 0; k <= history && last - k - offset >= 0; k++) {
    const [now, before] = [last - k, last - k - offset];
    steps.push({
      range: { from: whole[now]!.from, to: whole[now]!.to },
      whole: { current: whole[now]!.measures ?? {}, previous: whole[before]!.measures ?? {} },
      groups: groups.map((g) => ({
        key: g.key,
        current: g.series?.[now]?.measures ?? {},
        previous: g.series?.[before]?.measures ?? {},
      })),
    });
  }
  return steps;
}

async function windowSteps(
  db: Queryable,
  query: StepsQuery,
  dimension: DimensionId | null,
  context: QueryContext,
  history: number,
): Promise<Step[]> {
  const backOne = shiftWith(query.range, "previous_period");
  const ranges: DateRange[] = [query.range];
  for (let k = 1; k <= history; k++) ranges.push(backOne(ranges[k - 1]!));
  const results = await Promise.all(
    ranges.map((range) =>
      runMetricQuery(
        db,
        {
          metric: query.metric,
          ...range,
          compare: query.compare,
          groupBy: dimension,
          filters: query.filters,
        },
        context,
      ),
    ),
  );
  const keys = [...new Set(results.flatMap((r) => (r.groups ?? []).map((g) => g.key)))];
  return results.map((result, k) => {
    const byKey = new Map((result.groups ?? []).map((g) => [g.key, g]));
    return {
      range: ranges[k]!,
      whole: { current: result.measures, previous: result.previous?.measures ?? {} },
      groups: keys.map((key) => ({
        key,
        current: byKey.get(key)?.measures ?? {},
        previous: byKey.get(key)?.previousMeasures ?? {},
      })),
    };
  });
}
