/** The JSON the CLI prints for an answer: the contract of `pulse query --json` (issue #2) and `pulse ask --json`. */
import type { Driver, ExplainResult } from "../explain/explain.js";
import type { ListResult } from "../lists/list.js";
import type { MetricResult } from "../metrics/query.js";
import type { Filter } from "../metrics/types.js";
import { seriesTrend, type TrendWord } from "./trend.js";

export interface AnswerJson {
  value: number | null;
  unit: string;
  previous?: number | null;
  groups?: { key: string; value: number | null; previous?: number | null }[];
  series?: { from: string; value: number | null; previous?: number | null }[];
  /** With a series: its direction over the complete periods (trend.ts). */
  trend?: TrendWord;
}

export interface QueryJson {
  metric: string;
  from: string;
  to: string;
  groupBy: string | null;
  grain: string | null;
  compare: string | null;
  /** Present when the query was filtered. */
  filters?: readonly Filter[];
  answer: AnswerJson;
}

/** Only the parts that apply: `previous` with a comparison, `groups` with a group-by, `series` with a grain. */
export function answerJson(result: MetricResult): AnswerJson {
  const compared = result.compare !== null;
  return {
    value: result.value,
    unit: result.unit,
    ...(compared ? { previous: result.previous?.value ?? null } : {}),
    ...(result.groups
      ? {
          groups: result.groups.map((g) => ({
            key: g.key,
            value: g.value,
            ...(compared ? { previous: g.previous ?? null } : {}),
          })),
        }
      : {}),
    ...(result.series
      ? {
          series: result.series.map((p) => ({
            from: p.from,
            value: p.value,
            ...(compared ? { previous: p.previous ?? null } : {}),
          })),
          trend: seriesTrend(result.series, result.grain!).word,
        }
      : {}),
  };
}

export function queryJson(result: MetricResult): QueryJson {
  return {
    metric: result.metric,
    from: result.from,
    to: result.to,
    groupBy: result.groupBy,
    grain: result.grain,
    compare: result.compare,
    ...(result.filters?.length ? { filters: result.filters } : {}),
    answer: answerJson(result),
  };
}

/** A list's part of the answer (questions.md v2): the members in order, and how many there are before the limit. */
export function listJson(result: ListResult): {
  rows: { id: string; name: string | null; value: number | null }[];
  total: number;
} {
  return {
    rows: result.rows.map((r) => ({ id: r.id, name: r.name, value: r.value })),
    total: result.total,
  };
}

/** Several metrics (questions.md v2): one answer per metric, in the order asked. */
export function resultsJson(results: readonly MetricResult[]): ({ metric: string } & AnswerJson)[] {
  return results.map((result) => ({ metric: result.metric, ...answerJson(result) }));
}

/** A driver as questions.md v2 gives it (rate and mix effects for a ratio). */
export type DriverJson = Pick<
  Driver,
  | "dimension"
  | "key"
  | "value"
  | "previous"
  | "delta"
  | "expected"
  | "excess"
  | "shareOfChange"
  | "shareOfBase"
  | "significant"
  | "rateEffect"
  | "mixEffect"
>;

export const driverJson = (d: Driver): DriverJson => ({
  dimension: d.dimension,
  key: d.key,
  value: d.value,
  previous: d.previous,
  delta: d.delta,
  expected: d.expected,
  excess: d.excess,
  shareOfChange: d.shareOfChange,
  shareOfBase: d.shareOfBase,
  significant: d.significant,
  ...(d.rateEffect !== undefined ? { rateEffect: d.rateEffect, mixEffect: d.mixEffect } : {}),
});

/** Why a metric changed: the change, and every group's part of it, the most telling first. */
export function explainJson(result: ExplainResult): {
  change: { value: number | null; previous: number | null; delta: number | null };
  drivers: DriverJson[];
  leftOut: string[];
} {
  return {
    change: { ...result.change },
    drivers: result.drivers.map(driverJson),
    leftOut: result.leftOut,
  };
}
