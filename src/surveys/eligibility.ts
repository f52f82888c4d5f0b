/**
 * Who may be asked now: a real customer (not one of the demo's), reachable on
 * a channel that is configured, not opted out, with no question still
 * waiting to go, and neither asked nor answering any survey (from any
 * source: a bot, an import, the other channel) within the minimum interval.
 * Every skipped customer has one reason, the first that applies, so a dry
 * run can say why and a real send queues exactly the rest.
 */

import { type SQL, sql } from "drizzle-orm";
import { instant } from "../../db/client.js";
import type { SurveyChannel } from "./kinds.js";

const DAY_MS = 86_400_000;

export const skipReasons = [
  "demo customer",
  "opted out",
  "unreachable (blocked the bot or chat gone)",
  "not reachable",
  "question already waiting",
  "asked recently",
  "answered recently",
] as const;
export type SkipReason = (typeof skipReasons)[number];

/** Customer `c` has an address on `channel`; `working`: one Telegram has not refused (blocked, chat gone). */
const addressOf = (channel: SurveyChannel, working = true) =>
  channel === "slack"
    ? sql`c.slack_user_id is not null`
    : working
      ? sql`(c.telegram_chat_id is not null and c.telegram_unreachable is null)`
      : sql`c.telegram_chat_id is not null`;

/** Reachable on one of `channels` (none: nobody is); `working` as for addressOf. */
const reachable = (channels: readonly SurveyChannel[], working = true): SQL =>
  channels.length === 0
    ? sql`false`
    : sql`(${sql.join(
        channels.map((ch) => addressOf(ch, working)),
        sql` or `,
      )})`;

/**
 * Why customer `c` is not asked on any of `channels` now, or null when they
 * are. Conditions on customers `c`.
 */
export function skipReason(
  channels: readonly SurveyChannel[],
  now: Date,
  minIntervalDays: number,
): SQL {
  const since = instant(new Date(now.getTime() - minIntervalDays * DAY_MS));
  return sql`case
    when c.demo then 'demo customer'
    when c.survey_opt_out then 'opted out'
    when not ${reachable(channels)} and ${reachable(channels, false)} then 'unreachable (blocked the bot or chat gone)'
    when not ${reachable(channels)} then 'not reachable'
    when exists (select 1 from survey_prompts q
      where q.workspace_id = c.workspace_id and q.customer_id = c.id
        and q.status in ('pending', 'sending')) then 'question already waiting'
    when exists (select 1 from survey_prompts q
      where q.workspace_id = c.workspace_id and q.customer_id = c.id
        and q.status not in ('failed', 'cancelled', 'pending', 'sending')
        and coalesce(q.sent_at, q.created_at) > ${since}) then 'asked recently'
    when exists (select 1 from survey_responses r
      where r.workspace_id = c.workspace_id and r.customer_id = c.id
        and r.responded_at > ${since}) then 'answered recently'
    end`;
}

/** Customers `c` who may be asked now on one of `channels`. */
export function eligibleCustomers(
  channels: SurveyChannel | readonly SurveyChannel[],
  now: Date,
  minIntervalDays: number,
): SQL {
  const list = typeof channels === "string" ? [channels] : channels;
  return sql`(${skipReason(list, now, minIntervalDays)}) is null`;
}

/** The channel a scheduled survey goes by: the first of `channels` the customer has. */
export function preferredChannel(channels: readonly SurveyChannel[]): SQL {
  if (channels.length === 0) return sql`null`;
  return sql`case ${sql.join(
    channels.map((ch) => sql`when ${addressOf(ch)} then ${ch}`),
    sql` `,
  )} end`;
}

export const daysBefore = (now: Date, days: number): Date =>
  new Date(now.getTime() - days * DAY_MS);
