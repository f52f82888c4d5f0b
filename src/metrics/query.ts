/**
 * The one query builder: any metric of the registry over [from, to),
 * optionally filtered, grouped by a dimension (in rank order), as a series by
 * grain, and beside the previous period or year. Aggregation happens in SQL, one scan per source
 * table; only the handful of aggregates per period and group come back, and
 * the metric's formula combines them.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import {
  NoDataYetError,
  QueryError,
  TooManyPeriodsError,
  UnsupportedDimensionError,
} from "../errors.js";
import { segmentsAsOf } from "../segments/snapshots.js";
import { churnWindowOf } from "../workspace/workspace.js";
import { type DateRange, isIsoDate, periodCount, periodsOf, shiftWith } from "./calendar.js";
import { dimensions } from "./dimensions.js";
import { filterCondition, validateFilters } from "./filters.js";
import { evaluate, measuresOf } from "./formula.js";
import { getMetric, isMetricId, measureDefinitions } from "./registry.js";
import {
  churnMeasures,
  customerDimensions,
  periodRow,
  type Scan,
  type Source,
  scanOf,
} from "./sources.js";
import type {
  Compare,
  DimensionId,
  Filter,
  Grain,
  MeasureId,
  MetricId,
  Rank,
  Unit,
} from "./types.js";

export interface MetricQuery {
  metric: MetricId;
  from: string;
  to: string;
  groupBy?: DimensionId | null;
  grain?: Grain | null;
  compare?: Compare | null;
  /** Rows kept, all filters together (AND); none when absent. */
  filters?: readonly Filter[];
  /** With a group-by: the groups in this order, cut to the limit. */
  rank?: Rank | null;
}

export type Measures = Partial<Record<MeasureId, number>>;

export interface SeriesPoint {
  from: string;
  to: string;
  value: number | null;
  previous?: number | null;
  /** The aggregates of the value (explain splits each period's change with them). */
  measures?: Measures;
  /** The period has not ended (it holds today): its value is to date, not the period's whole. */
  toDate?: true;
}

export interface GroupValue {
  key: string;
  value: number | null;
  previous?: number | null;
  measures: Measures;
  /** With a comparison: the group's measures in the previous range (explain splits changes with them). */
  previousMeasures?: Measures;
  series?: SeriesPoint[];
}

export interface MetricResult {
  metric: MetricId;
  from: string;
  to: string;
  groupBy: DimensionId | null;
  grain: Grain | null;
  compare: Compare | null;
  /** The filters the numbers are computed under ([] when none). */
  filters?: readonly Filter[];
  rank?: Rank | null;
  unit: Unit;
  /** The metric over the whole range; null is "no data" (a zero denominator). */
  value: number | null;
  /** The range holds today, which has not ended: the value is to date. */
  toDate?: true;
  /** The churn window the value was computed under, when one applied (answers name it). */
  churnAfterDays?: number;
  /** The aggregates the value was computed from, for the formula footnote. */
  measures: Measures;
  previous?: { from: string; to: string; value: number | null; measures: Measures };
  groups?: GroupValue[];
  series?: SeriesPoint[];
}

export interface QueryContext {
  workspaceId: string;
  /** IANA zone the dates of the range are read in. */
  timezone: string;
  /**
   * Today in that zone (YYYY-MM-DD). When given, a range that starts after it
   * is refused with NoDataYetError: the future has no data, not a 0.
   */
  today?: string;
  /** The workspace's churn window in days (null: none); read from the workspace when absent. */
  churnAfterDays?: number | null;
}

/** Refuses a range that starts after `context.today`. */
export function refuseFuture(from: string, to: string, context: QueryContext): void {
  if (context.today && from > context.today) throw new NoDataYetError(from, to, context.today);
}

interface Period extends DateRange {
  idx: number;
}

/** Index offset of the comparison periods: period i is compared with period i + PREVIOUS. */
const PREVIOUS = 100_000;

const grains: readonly Grain[] = ["day", "week", "month", "quarter", "year"];
const compares: readonly Compare[] = ["previous_period", "previous_year"];

/** Checks a range of dates: both ISO dates, `from` before `to`. */
export function validateRange(from: string, to: string): void {
  for (const [name, date] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (!isIsoDate(date))
      throw new QueryError(`--${name} must be a date like 2026-10-01, got "${date}".`);
  }
  if (from >= to) throw new QueryError(`The range is empty: from ${from} is not before to ${to}.`);
}

function validate(query: MetricQuery): void {
  if (!isMetricId(query.metric)) throw new QueryError(`Unknown metric "${query.metric}".`);
  validateRange(query.from, query.to);
  if (query.grain && !grains.includes(query.grain)) {
    throw new QueryError(`Unknown grain "${query.grain}": use one of ${grains.join(", ")}.`);
  }
  if (query.grain) checkPeriodCount(query, query.grain);
  if (query.compare && !compares.includes(query.compare)) {
    throw new QueryError(
      `Unknown comparison "${query.compare}": use one of ${compares.join(", ")}.`,
    );
  }
  const metric = getMetric(query.metric);
  if (query.groupBy) {
    if (!(query.groupBy in dimensions))
      throw new QueryError(`Unknown dimension "${query.groupBy}".`);
    if (!metric.dimensions.includes(query.groupBy)) {
      throw new UnsupportedDimensionError(metric.id, query.groupBy, metric.dimensions);
    }
  }
  validateFilters(metric, query.filters ?? []);
  if (query.rank) {
    if (!query.groupBy) throw new QueryError("A ranking needs a dimension to rank the groups of.");
    if (query.rank.order !== "asc" && query.rank.order !== "desc")
      throw new QueryError(`A ranking is "asc" or "desc", got "${query.rank.order}".`);
    const { limit } = query.rank;
    if (limit !== null && !(Number.isInteger(limit) && limit > 0))
      throw new QueryError(`A ranking's limit is a whole number above 0, got ${limit}.`);
  }
}

/** The most periods a series has: more is unreadable as a chart or a table, and costly to compute. */
export const MAX_PERIODS = 400;

function checkPeriodCount(range: DateRange, grain: Grain): void {
  const periods = periodCount(range, grain);
  if (periods <= MAX_PERIODS) return;
  const coarser = grains
    .slice(grains.indexOf(grain) + 1)
    .map((g) => ({ grain: g, periods: periodCount(range, g) }))
    .find((c) => c.periods <= MAX_PERIODS);
  throw new TooManyPeriodsError(grain, periods, MAX_PERIODS, coarser ?? null);
}

/**
 * Period 0 is the whole range; with a grain, periods 1..n are its parts and
 * period 0 is not queried: its measures follow from the parts (see `over`),
 * which saves scanning the same rows twice; only a distinct count needs it.
 */
function periodsFor(query: MetricQuery, churnAfterDays: number | null): Period[] {
  const range = { from: query.from, to: query.to };
  const whole = { ...range, idx: 0 };
  const periods: Period[] = query.grain
    ? [
        ...(countsWholeRange(query.metric, churnAfterDays) ? [whole] : []),
        ...periodsOf(range, query.grain).map((r, i) => ({ ...r, idx: i + 1 })),
      ]
    : [whole];
  if (!query.compare) return periods;
  const shift = shiftWith(range, query.compare);
  return [...periods, ...periods.map((p) => ({ ...shift(p), idx: p.idx + PREVIOUS }))];
}

/**
 * A distinct count does not follow from the parts (see `over`): the whole range is scanned too.
 * Nor does churn under a window: a customer may lapse, come back and lapse again within the
 * range, churning in two parts but once in the range (metrics.md "Ranges").
 */
const countsWholeRange = (metric: MetricId, churnAfterDays: number | null): boolean =>
  measuresOf(getMetric(metric).formula).some(
    (m) =>
      measureDefinitions[m].over === "distinct" || (churnAfterDays !== null && m === "churned"),
  );

/**
 * Where a scan finds its periods: the shared `pp` table, or (for a handful of
 * periods) one inlined row per subquery, which Postgres folds into constants
 * so it can estimate the rows and pick an index or a plain scan as it should.
 */
type Periods = { kind: "table" } | { kind: "inline"; period: Period; timezone: string };

/** Up to this many periods each get their own inlined subquery per scan. */
const INLINE_PERIODS = 40;

/** One scan of one source, its aggregates unpivoted to (idx, key, measure, value) rows. */
function scanQuery(
  source: Source,
  scan: Scan,
  measures: MeasureId[],
  groupBy: DimensionId | null,
  filters: readonly Filter[],
  ws: string,
  periods: Periods,
): SQL {
  const key = groupBy ? source.keys[groupBy] : undefined;
  if (groupBy && !key) throw new QueryError(`${source.id} cannot be grouped by ${groupBy}.`);
  const keyExpr = key ? sql`coalesce((${key})::text, 'unknown')` : sql`''`;
  const used = usedDimensions(groupBy, filters);
  const customerJoin =
    source.customerJoin && [...used].some((d) => customerDimensions.has(d))
      ? source.customerJoin(ws)
      : sql``;
  const join = used.has("segment")
    ? sql`${customerJoin} left join seg on seg.customer_id = c.id`
    : customerJoin;
  const columns = sql.join(
    measures.map((m) => sql`(${scan.measures[m]})::float8 as ${sql.identifier(m)}`),
    sql`, `,
  );
  const unpivot = sql.join(
    measures.map((m) => sql`(${m}::text, q.${sql.identifier(m)})`),
    sql`, `,
  );
  let from: SQL;
  let groups: SQL;
  if (periods.kind === "inline") {
    const { period, timezone } = periods;
    from = periodRow(period.idx, period.from, period.to, timezone);
    groups = key ? sql`group by ${keyExpr}` : sql``;
  } else {
    from = sql`pp`;
    groups = key ? sql`group by pp.idx, ${keyExpr}` : sql`group by pp.idx`;
  }
  const idx = periods.kind === "inline" ? sql`${periods.period.idx}::int` : sql`pp.idx`;
  return sql`select q.idx, q.key, u.m, u.v from (
      select ${idx} as idx, ${keyExpr} as key, ${columns}
      from ${from} join ${source.from(ws)} and (${scan.rows}) ${join}
      where ${filterCondition(source, filters)}
      ${groups}
    ) q cross join lateral (values ${unpivot}) u(m, v)`;
}

/** The dimensions a scan reads keys of: the group-by's and the filters'. */
function usedDimensions(groupBy: DimensionId | null, filters: readonly Filter[]): Set<DimensionId> {
  const used = new Set(filters.map((f) => f.dimension));
  if (groupBy) used.add(groupBy);
  return used;
}

function buildSql(
  query: MetricQuery,
  periods: Period[],
  context: QueryContext,
  segmentRows: SQL | null,
): SQL {
  const needed = measuresOf(getMetric(query.metric).formula);
  const byScan = new Map<Scan, { source: Source; measures: MeasureId[] }>();
  for (const m of needed) {
    const { source, scan } = scanOf(m, context.churnAfterDays ?? null);
    const entry = byScan.get(scan) ?? { source, measures: [] };
    entry.measures.push(m);
    byScan.set(scan, entry);
  }
  const groupBy = query.groupBy ?? null;
  const filters = query.filters ?? [];
  const layouts: Periods[] =
    periods.length <= INLINE_PERIODS
      ? periods.map((period) => ({ kind: "inline", period, timezone: context.timezone }))
      : [{ kind: "table" }];
  const parts: SQL[] = [];
  for (const [scan, { source, measures }] of byScan) {
    for (const layout of layouts) {
      // Groups partition the rows (a missing key is "unknown"), so with a group-by the
      // whole-range measures are the groups' sums and need no scan of their own.
      if (groupBy) {
        parts.push(
          scanQuery(source, scan, measures, groupBy, filters, context.workspaceId, layout),
        );
      } else if (source.rollup && filters.length === 0) {
        // The rollup has no dimensions: a filtered query reads the rows themselves.
        const { rollup } = source;
        parts.push(
          scanQuery(
            { ...source, from: rollup.from },
            rollup.scan,
            measures,
            null,
            [],
            context.workspaceId,
            layout,
          ),
        );
      } else {
        parts.push(scanQuery(source, scan, measures, null, filters, context.workspaceId, layout));
      }
    }
  }
  // Grouped rows carry their key; ungrouped ones the empty key, which no group can have
  // because group keys fall back to 'unknown'.
  const union = sql.join(parts, sql` union all `);
  const segments = segmentRows ? sql`seg as (${segmentRows})` : null;
  if (layouts[0]?.kind === "inline") return segments ? sql`with ${segments} ${union}` : union;
  const values = sql.join(
    periods.map((p) => sql`(${p.idx}::int, ${p.from}::date, ${p.to}::date)`),
    sql`, `,
  );
  return sql`with ${segments ? sql`${segments},` : sql``} p(idx, fd, td) as (values ${values}),
    pp as (
      select idx, fd, td,
        (fd::timestamp at time zone ${context.timezone}) as f,
        (td::timestamp at time zone ${context.timezone}) as t
      from p
    )
    ${union}`;
}

type Row = { idx: number; key: string; m: MeasureId; v: number | null };

/** Runs a metric query; throws QueryError or UnsupportedDimensionError for a query that cannot be answered. */
export async function runMetricQuery(
  db: Queryable,
  query: MetricQuery,
  context: QueryContext,
): Promise<MetricResult> {
  validate(query);
  refuseFuture(query.from, query.to, context);
  const metric = getMetric(query.metric);
  // The churn rule matters only to metrics over active or churned customers.
  const churnAfterDays = measuresOf(metric.formula).some((m) => churnMeasures.has(m))
    ? context.churnAfterDays !== undefined
      ? context.churnAfterDays
      : await churnWindowOf(db, context.workspaceId)
    : null;
  const periods = periodsFor(query, churnAfterDays);
  // Segments as of the range's end (metrics.md: "RFM segment of the customer at `to`"), kept per workspace.
  const segmentRows = usedDimensions(query.groupBy ?? null, query.filters ?? []).has("segment")
    ? await segmentsAsOf(db, context.workspaceId, query.to, context.timezone)
    : null;
  const rows = await db.rows<Row>(
    buildSql(query, periods, { ...context, churnAfterDays }, segmentRows),
  );

  // idx -> key -> measures; absent combinations mean no rows: every measure 0.
  const table = new Map<number, Map<string, Measures>>();
  for (const row of rows) {
    const byKey = table.get(Number(row.idx)) ?? new Map<string, Measures>();
    table.set(Number(row.idx), byKey);
    const measures = byKey.get(row.key) ?? {};
    byKey.set(row.key, measures);
    measures[row.m] = Number(row.v ?? 0);
  }
  const measuresOfPeriod = (idx: number, key: string): Measures =>
    key === "" && query.groupBy
      ? sumOf([...(table.get(idx)?.values() ?? [])])
      : (table.get(idx)?.get(key) ?? {});
  const parts = periods.filter((p) => p.idx > 0 && p.idx < PREVIOUS).map((p) => p.idx);
  const wholeScanned = periods.some((p) => p.idx === 0);
  const measuresAt = (idx: number, key = ""): Measures =>
    (idx === 0 || idx === PREVIOUS) && parts.length > 0 && !wholeScanned
      ? combine(parts.map((part) => measuresOfPeriod(part + idx, key)))
      : measuresOfPeriod(idx, key);
  const valueAt = (idx: number, key = ""): number | null =>
    evaluate(metric.formula, measuresAt(idx, key));
  const withPrevious = (idx: number, key = "") =>
    query.compare ? { previous: valueAt(idx + PREVIOUS, key) } : {};

  const seriesPeriods = periods.filter((p) => p.idx > 0 && p.idx < PREVIOUS);
  const seriesFor = (key = ""): SeriesPoint[] =>
    seriesPeriods.map((p) => ({
      from: p.from,
      to: p.to,
      value: valueAt(p.idx, key),
      measures: measuresAt(p.idx, key),
      ...withPrevious(p.idx, key),
      ...(context.today && p.to > context.today ? { toDate: true as const } : {}),
    }));

  const result: MetricResult = {
    metric: metric.id,
    from: query.from,
    to: query.to,
    groupBy: query.groupBy ?? null,
    grain: query.grain ?? null,
    compare: query.compare ?? null,
    filters: query.filters ?? [],
    rank: query.rank ?? null,
    unit: metric.unit,
    value: valueAt(0),
    measures: measuresAt(0),
    ...(churnAfterDays !== null ? { churnAfterDays } : {}),
    ...(context.today && query.to > context.today ? { toDate: true as const } : {}),
  };
  if (query.compare) {
    const range = { from: query.from, to: query.to };
    const previous = shiftWith(range, query.compare)(range);
    result.previous = { ...previous, value: valueAt(PREVIOUS), measures: measuresAt(PREVIOUS) };
  }
  if (query.grain) result.series = seriesFor();
  if (query.groupBy) {
    const keys = new Set<string>();
    for (const byKey of table.values())
      for (const key of byKey.keys()) if (key !== "") keys.add(key);
    const groups = [...keys].map((key) => ({
      key,
      value: valueAt(0, key),
      ...withPrevious(0, key),
      measures: measuresAt(0, key),
      ...(query.compare ? { previousMeasures: measuresAt(PREVIOUS, key) } : {}),
      ...(query.grain ? { series: seriesFor(key) } : {}),
    }));
    result.groups = query.rank ? ranked(groups, query.rank) : groups.sort(byValueDescending);
  }
  return result;
}

/**
 * Groups in the rank's order, cut to its limit. `unknown` is not a group one
 * can act on, so it never ranks first: it goes last, after the groups with no data.
 */
export function ranked<G extends { key: string; value: number | null }>(
  groups: readonly G[],
  rank: Rank,
): G[] {
  const sign = rank.order === "asc" ? 1 : -1;
  const tier = (g: G) => (g.key === "unknown" ? 2 : g.value === null ? 1 : 0);
  const sorted = [...groups].sort(
    (a, b) =>
      tier(a) - tier(b) ||
      (a.value !== null && b.value !== null ? sign * (a.value - b.value) : 0) ||
      a.key.localeCompare(b.key),
  );
  return rank.limit === null ? sorted : sorted.slice(0, rank.limit);
}

/** The measures over consecutive periods, from each period's own. */
function combine(parts: Measures[]): Measures {
  const combined: Measures = {};
  for (const id of new Set(parts.flatMap((p) => Object.keys(p) as MeasureId[]))) {
    const values = parts.map((p) => p[id] ?? 0);
    const over = measureDefinitions[id].over;
    combined[id] =
      over === "sum"
        ? values.reduce((a, b) => a + b, 0)
        : over === "first"
          ? values[0]!
          : values[values.length - 1]!;
  }
  return combined;
}

/** Measures added up across a partition of the rows (every measure is a count or a sum). */
function sumOf(parts: Measures[]): Measures {
  const total: Measures = {};
  for (const part of parts) {
    for (const [id, v] of Object.entries(part) as [MeasureId, number][])
      total[id] = (total[id] ?? 0) + v;
  }
  return total;
}

/** Largest first, "no data" last, then by key so equal values have a stable order. */
function byValueDescending(a: GroupValue, b: GroupValue): number {
  if (a.value === null || b.value === null)
    return a.value === null ? (b.value === null ? a.key.localeCompare(b.key) : 1) : -1;
  return b.value - a.value || a.key.localeCompare(b.key);
}
