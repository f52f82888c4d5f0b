/**
 * Which chat is which customer (a deep link binds a Telegram chat: links.ts);
 * /stop and /start switch surveys off and on for them
 * (customers.survey_opt_out, honoured by every sender).
 */
import { sql } from "drizzle-orm";
import type { Database, Queryable } from "../../db/client.js";
import type { SurveyChannel } from "./kinds.js";

export interface SurveyCustomer {
  id: string;
  locale: string | null;
  optedOut: boolean;
}

const addressColumn = (channel: SurveyChannel) =>
  channel === "telegram" ? sql`telegram_chat_id` : sql`slack_user_id`;

/** The customer reached at `address` (a Telegram chat id or a Slack user id), if any. */
export async function customerAt(
  db: Queryable,
  workspaceId: string,
  channel: SurveyChannel,
  address: string,
): Promise<SurveyCustomer | null> {
  const [row] = await db.rows<{ id: string; locale: string | null; opted_out: boolean }>(
    sql`select id, locale, survey_opt_out as opted_out from customers
      where workspace_id = ${workspaceId} and ${addressColumn(channel)} = ${address}
      order by id limit 1`,
  );
  return row ? { id: row.id, locale: row.locale, optedOut: row.opted_out } : null;
}

/** Opts a customer out of surveys (cancelling what is still queued for them) or back in. */
export async function setSurveyOptOut(
  db: Database,
  workspaceId: string,
  customerId: string,
  optOut: boolean,
): Promise<void> {
  await db.transaction(async (tx) => {
    // Opting in is writing in the chat: it is reachable again.
    await tx.rows(sql`update customers set survey_opt_out = ${optOut},
        telegram_unreachable = case when ${optOut} then telegram_unreachable end
      where workspace_id = ${workspaceId} and id = ${customerId}`);
    if (optOut)
      await tx.rows(sql`update survey_prompts set status = 'cancelled', error = 'opted out'
        where workspace_id = ${workspaceId} and customer_id = ${customerId} and status = 'pending'`);
  });
}
