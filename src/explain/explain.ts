/**
 * Why a metric changed (intent `explain`, questions.md v2): the change between
 * the range and its comparison, and each group's part of it over the
 * dimensions of the metric (decompose.ts), with what each group's share of the
 * base predicts and the excess over that. Drivers are ordered by |excess|,
 * those that stand out of their own history (stands-out.ts) first. Each
 * dimension's parts add up to the whole change, so drivers of different
 * dimensions overlap (plan pro and channel ads may be the same customers);
 * they are alternative views.
 *
 * Dimensions derived from the metric itself are left out unless asked for:
 * the RFM segment and engagement of customer and order metrics (champions
 * are champions because they spent), the stage of deal metrics (won deals
 * are the win rate).
 */
import type { Queryable } from "../../db/client.js";
import { type DateRange, shiftWith } from "../metrics/calendar.js";
import { evaluate } from "../metrics/formula.js";
import type { QueryContext } from "../metrics/query.js";
import { getMetric } from "../metrics/registry.js";
import type {
  Compare,
  DimensionId,
  Filter,
  MetricDefinition,
  MetricId,
  Unit,
} from "../metrics/types.js";
import { decompose } from "./decompose.js";
import { grainOf, type Step, stepsOf } from "./history.js";
import {
  dimensionNoise,
  type GroupHistory,
  MIN_HISTORY,
  material,
  spread,
  standsOut,
} from "./stands-out.js";

export interface ExplainQuery {
  metric: MetricId;
  from: string;
  to: string;
  /** previous_period when absent. */
  compare?: Compare | null;
  filters?: readonly Filter[];
  /** Only these dimensions ("why ... by segment"), circular or not; every non-circular one when absent. */
  dimensions?: readonly DimensionId[] | null;
}

export interface Driver {
  dimension: DimensionId;
  key: string;
  /** The group's metric now and in the comparison range. */
  value: number | null;
  previous: number | null;
  /** The group's part of the change. */
  delta: number;
  /** Its part had every group changed alike (shareOfBase times the whole change), and delta minus that. */
  expected: number;
  excess: number;
  /** delta over the whole change (null when the metric did not change). */
  shareOfChange: number | null;
  /** The group's weight in the base: its previous share of the whole, or w̄_g for a ratio. */
  shareOfBase: number;
  /** For a ratio: the part of delta due to the group's own rate, and due to its weight. */
  rateEffect?: number;
  mixEffect?: number;
  /** How many deviations the excess lies from the group's usual excess (null: too little history). */
  unusual: number | null;
  /** The group stands out of its own history (stands-out.ts). */
  significant: boolean;
}

export interface ExplainResult {
  metric: MetricId;
  unit: Unit;
  from: string;
  to: string;
  compare: Compare;
  previousRange: { from: string; to: string };
  filters: readonly Filter[];
  /** delta is null when either value is "no data"; there are then no drivers. */
  change: { value: number | null; previous: number | null; delta: number | null };
  drivers: Driver[];
  /** Dimensions derived from the metric, left out of the drivers. */
  leftOut: DimensionId[];
  /** The earlier periods (with data) the drivers were judged against, and their length. */
  history: { periods: number; grain: string };
}

/** Dimensions computed from the metric itself. */
export function circularDimensions(metric: MetricDefinition): DimensionId[] {
  const derived: DimensionId[] = metric.dimensions.includes("stage")
    ? ["stage"]
    : // Survey answers are not what segments are computed from.
      metric.dimensions.includes("kind")
      ? []
      : ["segment", "engagement"];
  return metric.dimensions.filter((d) => derived.includes(d));
}

/** The whole metric's change in a step: null when either value is "no data". */
function wholeChange(metric: MetricDefinition, step: Step): number | null {
  const now = evaluate(metric.formula, step.whole.current);
  const before = evaluate(metric.formula, step.whole.previous);
  return now === null || before === null ? null : now - before;
}

interface Split {
  key: string;
  delta: number;
  expected: number;
  excess: number;
  shareOfBase: number;
  rate?: number;
  mix?: number;
}

/** Each group's part, expected part and excess in one step; null when the step's change is undefined. */
function splitStep(metric: MetricDefinition, step: Step): Split[] | null {
  const whole = wholeChange(metric, step);
  if (whole === null) return null;
  const parts = decompose(metric.formula, step.groups);
  if (!parts) return null;
  return parts.map((p, i) => {
    const expected = p.shareOfBase * whole;
    return {
      key: step.groups[i]!.key,
      delta: p.delta,
      expected,
      excess: p.delta - expected,
      shareOfBase: p.shareOfBase,
      ...(p.rate !== undefined ? { rate: p.rate, mix: p.mix } : {}),
    };
  });
}

/** A step with data in both of its ranges (history before the data began is no evidence). */
const hasData = (metric: MetricDefinition, step: Step): boolean =>
  wholeChange(metric, step) !== null &&
  Object.values(step.whole.previous).some((v) => v !== 0) &&
  Object.values(step.whole.current).some((v) => v !== 0);

function driversOf(metric: MetricDefinition, dimension: DimensionId, steps: Step[]): Driver[] {
  const [now, ...before] = steps;
  const split = now && splitStep(metric, now);
  if (!now || !split) return [];
  const delta = wholeChange(metric, now)!;
  const history = before.filter((s) => hasData(metric, s));
  const wholeDeltas = history.map((s) => wholeChange(metric, s)!);
  const pastSplits = history.map(
    (s) => new Map((splitStep(metric, s) ?? []).map((p) => [p.key, p])),
  );
  const histories: GroupHistory[] = split.map((p) => {
    const past = pastSplits.map((m) => m.get(p.key));
    return {
      delta: p.delta,
      deltas: past.map((s) => s?.delta ?? 0),
      excess: p.excess,
      excesses: past.map((s) => s?.excess ?? 0),
      share: p.shareOfBase,
    };
  });
  const noise = dimensionNoise(histories, wholeDeltas);
  return split.map((p, i) => {
    const { z, significant } = standsOut(histories[i]!, noise);
    const group = now.groups[i]!;
    return {
      dimension,
      key: p.key,
      value: evaluate(metric.formula, group.current),
      previous: evaluate(metric.formula, group.previous),
      delta: p.delta,
      expected: p.expected,
      excess: p.excess,
      shareOfChange: delta === 0 ? null : p.delta / delta,
      shareOfBase: p.shareOfBase,
      ...(p.rate !== undefined ? { rateEffect: p.rate, mixEffect: p.mix! } : {}),
      unusual: z,
      significant,
    };
  });
}

export async function runExplain(
  db: Queryable,
  query: ExplainQuery,
  context: QueryContext,
): Promise<ExplainResult> {
  const metric = getMetric(query.metric);
  const compare = query.compare ?? "previous_period";
  const filters = query.filters ?? [];
  const range: DateRange = { from: query.from, to: query.to };
  const circular = circularDimensions(metric);
  const asked = query.dimensions?.filter((d) => metric.dimensions.includes(d)) ?? [];
  const chosen = asked.length > 0 ? asked : metric.dimensions.filter((d) => !circular.includes(d));
  const leftOut = asked.length > 0 ? [] : circular;
  const stepsQuery = { metric: metric.id, range, compare, filters };
  // The whole's history first: a dimension none of whose groups departs by the
  // whole's usual spread has no driver to find, and its history is not read.
  const [whole, ...current] = await Promise.all([
    stepsOf(db, stepsQuery, null, context),
    ...chosen.map((dimension) => stepsOf(db, stepsQuery, dimension, context, true)),
  ]);
  const now = whole![0]!;
  const value = evaluate(metric.formula, now.whole.current);
  const previous = evaluate(metric.formula, now.whole.previous);
  const delta = value !== null && previous !== null ? value - previous : null;
  const history = whole!.slice(1).filter((s) => hasData(metric, s));
  const usual = spread(history.map((s) => wholeChange(metric, s)!));
  const drivers =
    delta === null
      ? []
      : (
          await Promise.all(
            chosen.map(async (dimension, i) => {
              const split = splitStep(metric, current[i]![0]!) ?? [];
              const judged =
                history.length >= MIN_HISTORY && split.some((p) => material(p.excess, usual));
              const steps = judged
                ? await stepsOf(db, stepsQuery, dimension, context)
                : current[i]!;
              return driversOf(metric, dimension, steps);
            }),
          )
        ).flat();
  const order = new Map(metric.dimensions.map((d, i) => [d, i]));
  drivers.sort(
    (a, b) =>
      Number(b.significant) - Number(a.significant) ||
      Math.abs(b.excess) - Math.abs(a.excess) ||
      order.get(a.dimension)! - order.get(b.dimension)! ||
      a.key.localeCompare(b.key),
  );
  return {
    metric: metric.id,
    unit: metric.unit,
    from: query.from,
    to: query.to,
    compare,
    previousRange: shiftWith(range, compare)(range),
    filters,
    change: { value, previous, delta },
    drivers,
    leftOut,
    history: { periods: history.length, grain: grainOf(range) ?? "period" },
  };
}
