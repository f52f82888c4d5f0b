/**
 * RFM segmentation (docs/segments.md): each customer with orders gets
 * recency, frequency and monetary scores 1-5 (quintiles among the workspace's
 * customers), and a named segment from the R score and the FM score (the
 * rounded mean of F and M). Rules are data, checked in order, first match
 * wins; they cover all 25 (R, FM) cells.
 */
import { type SQL, sql } from "drizzle-orm";
import { countsAsOrder, netAmount } from "../metrics/net-orders.js";

export type SegmentId =
  | "champions"
  | "loyal"
  | "potential_loyalists"
  | "new"
  | "promising"
  | "need_attention"
  | "about_to_sleep"
  | "at_risk"
  | "cannot_lose_them"
  | "hibernating"
  | "lost";

export interface SegmentRule {
  segment: SegmentId;
  label: string;
  /** Inclusive range of the recency score (5 = bought most recently). */
  r: [number, number];
  /** Inclusive range of the FM score. */
  fm: [number, number];
}

export const segmentRules: readonly SegmentRule[] = [
  { segment: "champions", label: "champions", r: [4, 5], fm: [4, 5] },
  { segment: "cannot_lose_them", label: "cannot lose them", r: [1, 1], fm: [4, 5] },
  { segment: "at_risk", label: "at risk", r: [1, 2], fm: [3, 5] },
  { segment: "loyal", label: "loyal", r: [3, 5], fm: [3, 5] },
  { segment: "new", label: "new", r: [5, 5], fm: [1, 1] },
  { segment: "promising", label: "promising", r: [4, 4], fm: [1, 1] },
  { segment: "potential_loyalists", label: "potential loyalists", r: [4, 5], fm: [2, 2] },
  { segment: "need_attention", label: "need attention", r: [3, 3], fm: [2, 2] },
  { segment: "about_to_sleep", label: "about to sleep", r: [3, 3], fm: [1, 1] },
  { segment: "hibernating", label: "hibernating", r: [2, 2], fm: [1, 2] },
  { segment: "lost", label: "lost", r: [1, 1], fm: [1, 2] },
];

export const fmScore = (f: number, m: number): number => Math.round((f + m) / 2);

/** The segment of scores r, f, m (each 1-5). */
export function segmentOf(r: number, f: number, m: number): SegmentId {
  const fm = fmScore(f, m);
  const rule = segmentRules.find(
    (s) => r >= s.r[0] && r <= s.r[1] && fm >= s.fm[0] && fm <= s.fm[1],
  );
  if (!rule) throw new Error(`no RFM rule covers r=${r} fm=${fm}`);
  return rule.segment;
}

/**
 * (customer_id, segment) of every customer with orders before `to` (a
 * workspace-local date). Customers without orders have no segment: the
 * dimension shows them as "unknown".
 */
export function segmentsSql(workspaceId: string, to: string, timezone: string): SQL {
  const cases = sql.join(
    segmentRules.map(
      (rule) =>
        sql`when r between ${sql.raw(String(rule.r[0]))} and ${sql.raw(String(rule.r[1]))} and round((f + m) / 2.0) between ${sql.raw(String(rule.fm[0]))} and ${sql.raw(String(rule.fm[1]))} then ${sql.raw(`'${rule.label}'`)}`,
    ),
    sql` `,
  );
  return sql`select customer_id, case ${cases} end as segment from (
      select customer_id,
        ntile(5) over (order by max(ordered_at), customer_id) as r,
        ntile(5) over (order by count(*) filter (where ${countsAsOrder()}), customer_id) as f,
        ntile(5) over (order by sum(${netAmount()}), customer_id) as m
      from orders
      where workspace_id = ${workspaceId} and ordered_at < (${to}::date::timestamp at time zone ${timezone})
      group by customer_id
    ) scores`;
}
