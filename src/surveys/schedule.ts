/**
 * The standing schedule: CSAT some days after each order, NPS every so many
 * days per customer, both under the minimum interval, on the channels that
 * are configured. It runs only once the operator turned it on (`pulse survey
 * schedule on`). Reminders: one, some days after a prompt nobody answered,
 * while the question is still current. Planning is idempotent (one prompt
 * per origin and customer), so every sender process may run it.
 */
import { sql } from "drizzle-orm";
import { instant, type Queryable } from "../../db/client.js";
import type { Config, SurveyConfig } from "../config/config.js";
import { localDate } from "../workspace/workspace.js";
import { daysBefore, eligibleCustomers, preferredChannel } from "./eligibility.js";
import type { SurveyChannel } from "./kinds.js";

/** Orders older than this past their CSAT day are not asked about (turning the schedule on does not flood). */
const CSAT_LOOKBACK_DAYS = 7;

export interface PlanResult {
  csat: number;
  nps: number;
}

export async function planScheduledSurveys(
  db: Queryable,
  p: {
    workspaceId: string;
    now: Date;
    timezone: string;
    settings: SurveyConfig;
    channels: readonly SurveyChannel[];
  },
): Promise<PlanResult> {
  const { settings, now } = p;
  const eligible = eligibleCustomers(p.channels, now, settings.minIntervalDays);
  const preferred = preferredChannel(p.channels);
  let csat = 0;
  if (settings.csatAfterOrderDays > 0) {
    const due = daysBefore(now, settings.csatAfterOrderDays);
    const oldest = daysBefore(due, CSAT_LOOKBACK_DAYS);
    const rows = await db.rows<{ id: number }>(sql`insert into survey_prompts
        (workspace_id, customer_id, kind, channel, origin, created_at)
      select distinct on (c.id) c.workspace_id, c.id, 'csat', ${preferred}, 'order:' || o.id, ${instant(now)}
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
      select c.workspace_id, c.id, 'nps', ${preferred}, ${`nps-every:${localDate(now, p.timezone)}`}, ${instant(now)}
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

/** The channels this installation can send on: those whose bot token is set. */
export function configuredChannels(config: Pick<Config, "telegram" | "slack">): SurveyChannel[] {
  return [
    ...(config.telegram.enabled ? (["telegram"] as const) : []),
    ...(config.slack.enabled ? (["slack"] as const) : []),
  ];
}

/** Whether the operator turned the automatic schedule on. */
export async function scheduleIsOn(db: Queryable, workspaceId: string): Promise<boolean> {
  const [row] = await db.rows<{ on: boolean }>(
    sql`select survey_schedule_on as on from workspaces where id = ${workspaceId}`,
  );
  return row?.on === true;
}

export async function setSchedule(db: Queryable, workspaceId: string, on: boolean): Promise<void> {
  await db.rows(sql`update workspaces set survey_schedule_on = ${on} where id = ${workspaceId}`);
}

/**
 * One reminder per unanswered prompt, `reminderDays` after it was sent: not
 * for a reminder, not once the customer answered anything since, opted out
 * or has another question waiting, and only while the prompt is younger than
 * its kind's expiry (a stale question is not asked again).
 */
export async function planReminders(
  db: Queryable,
  p: { workspaceId: string; now: Date; settings: SurveyConfig; channels: readonly SurveyChannel[] },
): Promise<number> {
  const days = p.settings.reminderDays;
  if (days <= 0 || p.channels.length === 0) return 0;
  const expiry = p.settings.expireDays;
  const rows = await db.rows<{ id: number }>(sql`insert into survey_prompts
      (workspace_id, customer_id, kind, channel, origin, created_at)
    select q.workspace_id, q.customer_id, q.kind, q.channel, 'reminder:' || q.id, ${instant(p.now)}
    from survey_prompts q
    join customers c on c.workspace_id = q.workspace_id and c.id = q.customer_id
    where q.workspace_id = ${p.workspaceId} and q.status = 'sent' and q.error is null
      and q.sent_at <= ${instant(daysBefore(p.now, days))}
      and q.created_at > case q.kind when 'nps' then ${instant(daysBefore(p.now, expiry.nps))}
        when 'csat' then ${instant(daysBefore(p.now, expiry.csat))}
        else ${instant(daysBefore(p.now, expiry.ces))} end
      and (q.origin is null or q.origin not like 'reminder:%')
      and q.channel in (${sql.join(
        p.channels.map((ch) => sql`${ch}`),
        sql`, `,
      )})
      and not c.demo and not c.survey_opt_out
      and not exists (select 1 from survey_responses r where r.workspace_id = q.workspace_id
        and r.customer_id = q.customer_id and r.responded_at >= q.sent_at)
      and not exists (select 1 from survey_prompts w where w.workspace_id = q.workspace_id
        and w.customer_id = q.customer_id and w.status in ('pending', 'sending'))
    on conflict do nothing
    returning id`);
  return rows.length;
}
