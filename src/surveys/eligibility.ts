/**
 * Who may be asked now: a real customer (not one of the demo's), reachable on
 * the channel, not opted out, not asked within the minimum interval, and with
 * no question still waiting to go.
 */

import { type SQL, sql } from "drizzle-orm";
import { instant } from "../../db/client.js";
import type { SurveyChannel } from "./kinds.js";

const DAY_MS = 86_400_000;

/** `channel` "any" accepts a customer reachable on either platform. Conditions on customers `c`. */
export function eligibleCustomers(
  channel: SurveyChannel | "any",
  now: Date,
  minIntervalDays: number,
): SQL {
  const address =
    channel === "telegram"
      ? sql`c.telegram_chat_id is not null`
      : channel === "slack"
        ? sql`c.slack_user_id is not null`
        : sql`(c.telegram_chat_id is not null or c.slack_user_id is not null)`;
  const since = new Date(now.getTime() - minIntervalDays * DAY_MS);
  return sql`not c.demo and not c.survey_opt_out and ${address} and not exists (
    select 1 from survey_prompts q
    where q.workspace_id = c.workspace_id and q.customer_id = c.id
      and (q.status in ('pending', 'sending')
        or (q.status not in ('failed', 'cancelled') and coalesce(q.sent_at, q.created_at) > ${instant(since)})))`;
}

/** The channel a scheduled survey goes by: Telegram when the customer has it, else Slack. */
export const preferredChannel = sql`case when c.telegram_chat_id is not null then 'telegram' else 'slack' end`;

export const daysBefore = (now: Date, days: number): Date =>
  new Date(now.getTime() - days * DAY_MS);
