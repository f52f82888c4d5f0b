/**
 * Where each measure comes from, in SQL. A source is one table scanned once
 * per query; its measures are aggregates with FILTER clauses over the rows of
 * a period `pp` (columns f/t: instants, fd/td: local dates). Dimension keys
 * are expressions over the source's aliases.
 */
import { type SQL, sql } from "drizzle-orm";
import { detractorMax } from "../surveys/kinds.js";
import { countsAsOrder, netAmount } from "./net-orders.js";
import type { DimensionId, MeasureId } from "./types.js";

/** One pass over a source: the rows of period pp it reads, and the aggregates computed from them. */
export interface Scan {
  rows: SQL;
  measures: Partial<Record<MeasureId, SQL>>;
}

export interface Source {
  id: string;
  /** FROM clause joined to the periods for a workspace. */
  from: (ws: string) => SQL;
  /**
   * Measures that read the same rows share a scan; measures over different
   * rows (sign-ups vs customers active at the start) get their own, so each
   * can use its index instead of one wide scan serving all.
   */
  scans: Scan[];
  /** Dimension -> key expression; a dimension missing here is not supported by this source. */
  keys: Partial<Record<DimensionId, SQL>>;
  /** A pre-aggregated stand-in read instead when no dimension is asked for. */
  rollup?: { from: (ws: string) => SQL; scan: Scan };
  /** Joins needed only when a customer dimension is used. */
  customerJoin?: (ws: string) => SQL;
  /** The column naming the customer a row belongs to (lists sum by it before joining customers). */
  customerId?: SQL;
}

const inRange = (column: SQL) => sql`${column} >= pp.f and ${column} < pp.t`;

/** The period table `pp` of one range [from, to) read in `timezone`, as a one-row subquery. */
export const periodRow = (idx: number, from: string, to: string, timezone: string): SQL =>
  sql`(select ${idx}::int as idx, ${from}::date as fd, ${to}::date as td,
        (${from}::date::timestamp at time zone ${timezone}) as f,
        (${to}::date::timestamp at time zone ${timezone}) as t) pp`;

/** Which deals each deal measure counts (deals are few: one scan filters them per measure). */
export const dealRows = {
  won: sql`d.stage = 'won' and ${inRange(sql`d.closed_at`)}`,
  closed: sql`d.stage in ('won', 'lost') and ${inRange(sql`d.closed_at`)}`,
  open: sql`d.created_at < pp.t and (d.closed_at is null or d.closed_at >= pp.t)`,
  created: inRange(sql`d.created_at`),
  createdWon: sql`d.stage = 'won' and ${inRange(sql`d.created_at`)}`,
};
const activeAt = (instant: SQL) =>
  sql`c.signup_at < ${instant} and (c.churned_at is null or c.churned_at >= ${instant})`;

/** Age at the end of the range, in the bands of metrics.md. */
const ageBand = sql`case
  when c.birth_date is null then null
  when extract(year from age(pp.td, c.birth_date)) < 18 then 'under 18'
  when extract(year from age(pp.td, c.birth_date)) < 25 then '18-24'
  when extract(year from age(pp.td, c.birth_date)) < 35 then '25-34'
  when extract(year from age(pp.td, c.birth_date)) < 45 then '35-44'
  when extract(year from age(pp.td, c.birth_date)) < 55 then '45-54'
  when extract(year from age(pp.td, c.birth_date)) < 65 then '55-64'
  else '65+' end`;

/**
 * The customer's events in the 90 days before the range's end, in the bands of
 * metrics.md; a row without a customer has no engagement ('unknown'). One
 * index probe per row (events_customer_occurred_idx).
 */
const engagement = sql`case when c.id is null then null else (
  select case when count(*) >= 10 then 'high' when count(*) >= 3 then 'medium'
    when count(*) >= 1 then 'low' else 'none' end
  from events ev where ev.workspace_id = c.workspace_id and ev.customer_id = c.id
    and ev.occurred_at >= pp.t - interval '90 days' and ev.occurred_at < pp.t) end`;

/** Keys every table that belongs to a customer can be grouped by (through the alias `c`). */
const customerKeys: Partial<Record<DimensionId, SQL>> = {
  plan: sql`c.plan`,
  channel: sql`c.channel`,
  country: sql`c.country`,
  gender: sql`c.gender`,
  age_band: ageBand,
  // The RFM segment at the range's end, from the `seg` table the builder adds for this dimension.
  segment: sql`seg.segment`,
  engagement,
};

/** Dimensions read from the customer a row belongs to (and so need the customer joined). */
export const customerDimensions: ReadonlySet<DimensionId> = new Set(
  Object.keys(customerKeys) as DimensionId[],
);

/** A table whose rows belong to a customer through `<alias>.customer_id`. */
const ownedBy = (alias: string): Pick<Source, "customerJoin" | "customerId"> => ({
  customerJoin: (ws) =>
    sql`left join customers c on c.workspace_id = ${ws} and c.id = ${sql.raw(alias)}.customer_id`,
  customerId: sql.raw(`${alias}.customer_id`),
});

/** The events of one kind in the range (an index range on (workspace, kind, occurred_at)). */
const eventsOfKind = (kind: string, measures: Scan["measures"]): Scan => ({
  rows: sql`e.kind = ${kind} and ${inRange(sql`e.occurred_at`)}`,
  measures,
});

export const sources: Source[] = [
  {
    id: "customers",
    from: (ws) => sql`customers c on c.workspace_id = ${ws}`,
    scans: [
      { rows: activeAt(sql`pp.f`), measures: { customers_at_start: sql`count(*)` } },
      { rows: activeAt(sql`pp.t`), measures: { customers_at_end: sql`count(*)` } },
      { rows: inRange(sql`c.signup_at`), measures: { signups: sql`count(*)` } },
      { rows: inRange(sql`c.churned_at`), measures: { churned: sql`count(*)` } },
    ],
    keys: customerKeys,
  },
  {
    id: "orders",
    from: (ws) => sql`orders o on o.workspace_id = ${ws}`,
    scans: [
      {
        rows: inRange(sql`o.ordered_at`),
        measures: {
          order_revenue: sql`coalesce(sum(${netAmount("o")}), 0)`,
          order_count: sql`count(*) filter (where ${countsAsOrder("o")})`,
        },
      },
    ],
    keys: { ...customerKeys, category: sql`o.category` },
    ...ownedBy("o"),
    rollup: {
      from: (ws) => sql`order_rollup b on b.workspace_id = ${ws}`,
      scan: {
        rows: inRange(sql`b.bucket`),
        measures: {
          order_revenue: sql`coalesce(sum(b.revenue), 0)`,
          order_count: sql`coalesce(sum(b.orders), 0)`,
        },
      },
    },
  },
  {
    id: "marketing_spend",
    from: (ws) => sql`marketing_spend s on s.workspace_id = ${ws}`,
    scans: [
      {
        rows: sql`s.date >= pp.fd and s.date < pp.td`,
        measures: { spend: sql`coalesce(sum(s.amount), 0)` },
      },
    ],
    keys: { channel: sql`s.channel` },
  },
  {
    id: "survey_responses",
    from: (ws) => sql`survey_responses r on r.workspace_id = ${ws}`,
    scans: [
      {
        rows: inRange(sql`r.responded_at`),
        measures: {
          nps_promoters: sql`count(*) filter (where r.kind = 'nps' and r.score >= 9)`,
          nps_detractors: sql`count(*) filter (where r.kind = 'nps' and r.score <= ${detractorMax.nps})`,
          nps_responses: sql`count(*) filter (where r.kind = 'nps')`,
          csat_satisfied: sql`count(*) filter (where r.kind = 'csat' and r.score >= 4)`,
          csat_responses: sql`count(*) filter (where r.kind = 'csat')`,
          ces_score_sum: sql`coalesce(sum(r.score) filter (where r.kind = 'ces'), 0)`,
          ces_responses: sql`count(*) filter (where r.kind = 'ces')`,
        },
      },
    ],
    keys: { ...customerKeys, kind: sql`r.kind` },
    ...ownedBy("r"),
  },
  {
    id: "deals",
    from: (ws) => sql`deals d on d.workspace_id = ${ws}`,
    // Deals are few; each measure has its own instant, so every deal is a candidate.
    scans: [
      {
        rows: sql`true`,
        measures: {
          deals_won: sql`count(*) filter (where ${dealRows.won})`,
          deals_closed: sql`count(*) filter (where ${dealRows.closed})`,
          pipeline: sql`coalesce(sum(d.amount) filter (where ${dealRows.open}), 0)`,
          deals_created: sql`count(*) filter (where ${dealRows.created})`,
          deals_created_won: sql`count(*) filter (where ${dealRows.createdWon})`,
        },
      },
    ],
    keys: { stage: sql`d.stage`, owner: sql`d.owner`, source: sql`d.source` },
  },
  {
    id: "texts",
    // Survey comments and social mentions, each with the sentiment scored on arrival.
    from: (ws) => sql`(
        select customer_id, responded_at as at, sentiment from survey_responses
          where workspace_id = ${ws} and comment is not null and sentiment is not null
        union all
        select customer_id, occurred_at, sentiment from events
          where workspace_id = ${ws} and kind = 'social_mention' and sentiment is not null
      ) x on true`,
    scans: [
      {
        rows: inRange(sql`x.at`),
        measures: {
          sentiment_sum: sql`coalesce(sum(x.sentiment), 0)`,
          sentiment_count: sql`count(*)`,
        },
      },
    ],
    keys: customerKeys,
    ...ownedBy("x"),
  },
  {
    id: "events",
    from: (ws) => sql`events e on e.workspace_id = ${ws}`,
    scans: [
      eventsOfKind("web_visit", {
        web_visits: sql`count(*)`,
        visitors: sql`count(distinct e.customer_id)`,
      }),
      eventsOfKind("email_open", { email_opens: sql`count(*)` }),
      eventsOfKind("email_click", { email_clicks: sql`count(*)` }),
      eventsOfKind("support_ticket", { support_tickets: sql`count(*)` }),
      eventsOfKind("social_mention", { social_mentions: sql`count(*)` }),
    ],
    keys: customerKeys,
    ...ownedBy("e"),
  },
  {
    id: "survey_prompts",
    from: (ws) => sql`survey_prompts q on q.workspace_id = ${ws}`,
    scans: [
      {
        rows: inRange(sql`q.sent_at`),
        measures: {
          prompts_sent: sql`count(*)`,
          prompts_answered: sql`count(*) filter (where exists (
        select 1 from survey_responses a where a.workspace_id = q.workspace_id and a.prompt_id = q.id::text))`,
        },
      },
    ],
    keys: { ...customerKeys, kind: sql`q.kind` },
    ...ownedBy("q"),
  },
];

/**
 * The customer's last order before an instant, or their sign-up when they have
 * none (L(T) of metrics.md "Ranges"): one probe of orders_customer_ordered_idx.
 */
const lastActivity = (instant: SQL) => sql`coalesce((select max(lo.ordered_at) from orders lo
  where lo.workspace_id = c.workspace_id and lo.customer_id = c.id and lo.ordered_at < ${instant}), c.signup_at)`;

/**
 * The customers source under an inactivity window of `days` (metrics.md
 * "Ranges"): an imported churned_at wins; a customer without one is active at
 * T while `L(T) + days >= T`, and churns at `L(to) + days` when that falls in
 * the range. Same measures, same scans, other rows.
 */
function customersWithWindow(days: number): Source {
  const base = sources.find((source) => source.id === "customers")!;
  const lapse = sql.raw(`interval '${Math.trunc(days)} days'`);
  const activeWithin = (instant: SQL) =>
    sql`c.signup_at < ${instant} and case when c.churned_at is not null then c.churned_at >= ${instant}
      else ${lastActivity(instant)} + ${lapse} >= ${instant} end`;
  const churnedWithin = sql`case when c.churned_at is not null then ${inRange(sql`c.churned_at`)}
      else tstzrange(pp.f, pp.t) @> (${lastActivity(sql`pp.t`)} + ${lapse}) end`;
  return {
    ...base,
    scans: [
      { rows: activeWithin(sql`pp.f`), measures: { customers_at_start: sql`count(*)` } },
      { rows: activeWithin(sql`pp.t`), measures: { customers_at_end: sql`count(*)` } },
      base.scans[2]!,
      { rows: churnedWithin, measures: { churned: sql`count(*)` } },
    ],
  };
}

/** Measures whose rows depend on the churn rule. */
export const churnMeasures: ReadonlySet<MeasureId> = new Set<MeasureId>([
  "customers_at_start",
  "customers_at_end",
  "churned",
]);

const windowed = new Map<number, Map<MeasureId, { source: Source; scan: Scan }>>();

const scanByMeasure = new Map<MeasureId, { source: Source; scan: Scan }>(
  sources.flatMap((source) =>
    source.scans.flatMap((scan) =>
      Object.keys(scan.measures).map((m) => [m as MeasureId, { source, scan }] as const),
    ),
  ),
);

/** The source and the scan that compute a measure, under the workspace's churn window (days, or null for none). */
export function scanOf(
  measure: MeasureId,
  churnAfterDays: number | null = null,
): { source: Source; scan: Scan } {
  if (churnAfterDays !== null && churnMeasures.has(measure)) {
    // One source object per window, so measures of one scan still share it.
    let scans = windowed.get(churnAfterDays);
    if (!scans) {
      const source = customersWithWindow(churnAfterDays);
      scans = new Map(
        source.scans.flatMap((scan) =>
          Object.keys(scan.measures).map((m) => [m as MeasureId, { source, scan }] as const),
        ),
      );
      windowed.set(churnAfterDays, scans);
    }
    return scans.get(measure)!;
  }
  const found = scanByMeasure.get(measure);
  if (!found) throw new Error(`no source computes measure ${measure}`);
  return found;
}
