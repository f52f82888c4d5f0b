/**
 * Why a metric changed (intent `explain`): the change between the range and
 * its comparison, and each group's part of it over every dimension of the
 * metric (decompose.ts), largest first. Each dimension's parts add up to the
 * whole change, so drivers of different dimensions overlap (plan pro and
 * channel ads may be the same customers); they are alternative views.
 */
import type { Queryable } from "../../db/client.js";
import { shiftWith } from "../metrics/calendar.js";
import { type MetricResult, type QueryContext, runMetricQuery } from "../metrics/query.js";
import { getMetric } from "../metrics/registry.js";
import type { Compare, DimensionId, Filter, MetricId, Unit } from "../metrics/types.js";
import { decompose } from "./decompose.js";

export interface ExplainQuery {
  metric: MetricId;
  from: string;
  to: string;
  /** previous_period when absent. */
  compare?: Compare | null;
  filters?: readonly Filter[];
}

export interface Driver {
  dimension: DimensionId;
  key: string;
  /** The group's metric now and in the comparison range. */
  value: number | null;
  previous: number | null;
  /** The group's part of the change. */
  delta: number;
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
}

export async function runExplain(
  db: Queryable,
  query: ExplainQuery,
  context: QueryContext,
): Promise<ExplainResult> {
  const metric = getMetric(query.metric);
  const compare = query.compare ?? "previous_period";
  const base = { ...query, compare, filters: query.filters ?? [] };
  // One grouped query per dimension; the whole follows from any of them (groups partition the rows).
  const byDimension: [DimensionId | null, MetricResult][] = await Promise.all(
    (metric.dimensions.length > 0 ? metric.dimensions : [null]).map(
      async (dimension) =>
        [dimension, await runMetricQuery(db, { ...base, groupBy: dimension }, context)] as const,
    ),
  );
  const whole = byDimension[0]![1];
  const value = whole.value;
  const previous = whole.previous?.value ?? null;
  const delta = value !== null && previous !== null ? value - previous : null;
  const drivers: Driver[] = [];
  if (delta !== null) {
    for (const [dimension, result] of byDimension) {
      if (!dimension) continue;
      const groups = result.groups ?? [];
      const parts = decompose(
        metric.formula,
        groups.map((g) => ({
          key: g.key,
          current: g.measures,
          previous: g.previousMeasures ?? {},
        })),
      );
      if (!parts) continue;
      drivers.push(
        ...groups.map((g, i) => ({
          dimension,
          key: g.key,
          value: g.value,
          previous: g.previous ?? null,
          delta: parts[i]!,
        })),
      );
    }
  }
  const order = new Map(metric.dimensions.map((d, i) => [d, i]));
  drivers.sort(
    (a, b) =>
      Math.abs(b.delta) - Math.abs(a.delta) ||
      order.get(a.dimension)! - order.get(b.dimension)! ||
      a.key.localeCompare(b.key),
  );
  const range = { from: query.from, to: query.to };
  return {
    metric: metric.id,
    unit: metric.unit,
    from: query.from,
    to: query.to,
    compare,
    previousRange: shiftWith(range, compare)(range),
    filters: base.filters,
    change: { value, previous, delta },
    drivers,
  };
}
