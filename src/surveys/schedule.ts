/**
 * The standing schedule: CSAT some days after each order, NPS every so many
 * days per customer, both under the minimum interval. Planning is idempotent
 * (one prompt per origin and customer), so every sender process may run it.
 */
import { sql } from "drizzle-orm";
import { type Database, instant } from "../../db/client.js";
import type { SurveyConfig } from "../config/config.js";
import { localDate } from "../workspace/workspace.js";
import { daysBefore, eligibleCustomers, preferredChannel } from "./eligibility.js";

/** Orders older than this past their CSAT day are not asked about (turning the schedule on does not flood). */
const CSAT_LOOKBACK_DAYS = 7;

export interface PlanResult {
  csat: number;
  nps: number;
}

export async function planScheduledSurveys(
  db: Database,
  p: { workspaceId: string; now: Date; timezone: string; settings: SurveyConfig },
): Promise<PlanResult> {
  const { settings, now } = p;
  const eligible = eligibleCustomers("any", now, settings.minIntervalDays);
  let csat = 0;
  if (settings.csatAfterOrderDays > 0) {
    const due = daysBefore(now, settings.csatAfterOrderDays);
    const oldest = daysBefore(due, CSAT_LOOKBACK_DAYS);
    const rows = await db.rows<{ id: number }>(sql`insert into survey_prompts
        (workspace_id, customer_id, kind, channel, origin, created_at)
      select distinct on (c.id) c.workspace_id, c.id, 'csat', ${preferredChannel}, 'order:' || o.id, ${instant(now)}
      from orders o join customers c on c.workspace_id = o.workspace_id and c.id = o.customer_id
      where o.workspace_id = ${p.workspaceId} and o.ordered_at <= ${instant(due)} and o.ordered_at > ${instant(oldest)}
        and ${eligible}
      order by c.id, o.ordered_at desc
      on conflict do nothing
      returning id`);
    csat = rows.length;
  }
  let nps = 0;
  if (settings.npsEveryDays > 0) {
    const rows = await db.rows<{ id: number }>(sql`insert into survey_prompts
        (workspace_id, customer_id, kind, channel, origin, created_at)
      select c.workspace_id, c.id, 'nps', ${preferredChannel}, ${`nps-every:${localDate(now, p.timezone)}`}, ${instant(now)}
      from customers c
      where c.workspace_id = ${p.workspaceId} and ${eligible}
        and not exists (select 1 from survey_prompts q
          where q.workspace_id = c.workspace_id and q.customer_id = c.id and q.kind = 'nps'
            and q.status not in ('failed', 'cancelled')
            and coalesce(q.sent_at, q.created_at) > ${instant(daysBefore(now, settings.npsEveryDays))})
      on conflict do nothing
      returning id`);
    nps = rows.length;
  }
  return { csat, nps };
}
