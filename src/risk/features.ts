/**
 * What Pulse knows about each customer as of an instant, for the churn-risk
 * model: who they are (tenure, plan, channel), how they buy (recency,
 * frequency and monetary value of orders), what they say (survey scores and
 * their trend) and how they engage (support tickets, visits, email). Only
 * rows before the instant are read, so a snapshot in the past sees exactly
 * what Pulse saw then. One query per snapshot, aggregated in SQL.
 */
import { sql } from "drizzle-orm";
import { instant, type Queryable } from "../../db/client.js";
import { countsAsOrder, netAmount } from "../metrics/net-orders.js";
import { detractorMax } from "../surveys/kinds.js";

export interface CustomerFeatures {
  customerId: string;
  name: string | null;
  plan: string | null;
  channel: string | null;
  country: string | null;
  tenureDays: number;
  /** Days since the last order; null when the customer never ordered. */
  recencyDays: number | null;
  ordersTotal: number;
  orders90: number;
  revenue90: number;
  /** Mean survey score on a 0..1 scale (NPS /10, CSAT and CES from their scales) over the last 180 days. */
  surveyScore: number | null;
  /** That mean over the last 90 days minus the 90 days before; null unless both have answers. */
  surveyTrend: number | null;
  /** Ever answered NPS 0-6. */
  detractor: boolean;
  tickets90: number;
  /** Web visits, email opens and clicks in the last 90 days. */
  engagement90: number;
  engagementPrior90: number;
  /** Churned within `horizonDays` after the instant (only meaningful for past snapshots). */
  churnedWithin: boolean;
}

export const HORIZON_DAYS = 90;

type Value = number | string | null;

const num = (v: Value | undefined): number => (v == null ? 0 : Number(v));
const orNull = (v: Value | undefined): number | null => (v == null ? null : Number(v));

/** Features of every customer active at `at` (signed up before it, not churned before it). */
export async function featuresAsOf(
  db: Queryable,
  workspaceId: string,
  at: Date,
): Promise<CustomerFeatures[]> {
  const t = instant(at);
  const day = (n: number) => sql`(${t} - interval '${sql.raw(String(n))} days')`;
  // Four aggregates joined here by customer id: the planner, without statistics on freshly
  // imported tables, joins such CTEs by nested loops (seconds per snapshot on PGlite).
  const [base, orders, surveys, events] = await Promise.all([
    db.rows<{
      id: string;
      name: string | null;
      plan: string | null;
      channel: string | null;
      country: string | null;
      tenure_days: Value;
      churned_within: boolean;
    }>(sql`select id, name, plan, channel, country,
        extract(epoch from (${t} - signup_at)) / 86400 as tenure_days,
        coalesce(churned_at < (${t} + interval '${sql.raw(String(HORIZON_DAYS))} days'), false) as churned_within
      from customers
      where workspace_id = ${workspaceId} and signup_at < ${t}
        and (churned_at is null or churned_at >= ${t})
      order by id`),
    db.rows<{
      customer_id: string;
      recency_days: Value;
      orders_total: Value;
      orders_90: Value;
      revenue_90: Value;
    }>(sql`select customer_id,
        extract(epoch from (${t} - max(ordered_at))) / 86400 as recency_days,
        count(*) filter (where ${countsAsOrder()}) as orders_total,
        count(*) filter (where ${countsAsOrder()} and ordered_at >= ${day(90)}) as orders_90,
        coalesce(sum(${netAmount()}) filter (where ordered_at >= ${day(90)}), 0) as revenue_90
      from orders where workspace_id = ${workspaceId} and ordered_at < ${t}
      group by customer_id`),
    db.rows<{
      customer_id: string;
      survey_score: Value;
      survey_recent: Value;
      survey_prior: Value;
      detractor: boolean | null;
    }>(sql`select customer_id,
        avg(norm) filter (where responded_at >= ${day(180)}) as survey_score,
        avg(norm) filter (where responded_at >= ${day(90)}) as survey_recent,
        avg(norm) filter (where responded_at < ${day(90)} and responded_at >= ${day(180)}) as survey_prior,
        bool_or(kind = 'nps' and score <= ${detractorMax.nps}) as detractor
      from (
        select customer_id, kind, score, responded_at,
          case kind when 'nps' then score / 10.0 when 'csat' then (score - 1) / 4.0 else (score - 1) / 6.0 end as norm
        from survey_responses
        where workspace_id = ${workspaceId} and customer_id is not null and responded_at < ${t}
      ) r
      group by customer_id`),
    db.rows<{
      customer_id: string;
      tickets_90: Value;
      engagement_90: Value;
      engagement_prior_90: Value;
    }>(sql`select customer_id,
        count(*) filter (where kind = 'support_ticket' and occurred_at >= ${day(90)}) as tickets_90,
        count(*) filter (where kind in ('web_visit', 'email_open', 'email_click') and occurred_at >= ${day(90)}) as engagement_90,
        count(*) filter (where kind in ('web_visit', 'email_open', 'email_click') and occurred_at < ${day(90)}) as engagement_prior_90
      from events
      where workspace_id = ${workspaceId} and customer_id is not null
        and occurred_at < ${t} and occurred_at >= ${day(180)}
      group by customer_id`),
  ]);
  const byCustomer = <R extends { customer_id: string }>(rows: R[]) =>
    new Map(rows.map((r) => [r.customer_id, r]));
  const o = byCustomer(orders);
  const s = byCustomer(surveys);
  const e = byCustomer(events);
  return base.map((b) => {
    const order = o.get(b.id);
    const survey = s.get(b.id);
    const event = e.get(b.id);
    const recent = orNull(survey?.survey_recent);
    const prior = orNull(survey?.survey_prior);
    return {
      customerId: b.id,
      name: b.name,
      plan: b.plan,
      channel: b.channel,
      country: b.country,
      tenureDays: Number(b.tenure_days),
      recencyDays: orNull(order?.recency_days),
      ordersTotal: num(order?.orders_total),
      orders90: num(order?.orders_90),
      revenue90: num(order?.revenue_90),
      surveyScore: orNull(survey?.survey_score),
      surveyTrend: recent !== null && prior !== null ? recent - prior : null,
      detractor: survey?.detractor === true,
      tickets90: num(event?.tickets_90),
      engagement90: num(event?.engagement_90),
      engagementPrior90: num(event?.engagement_prior_90),
      churnedWithin: b.churned_within === true,
    };
  });
}
