/**
 * The team's answer to a detractor, from the "Reply" button under the alert,
 * sent to the customer in their own chat (the channel they answered in).
 * Exactly once per response: the reply is claimed by inserting its row (the
 * primary key is the response), sent, then marked sent; a second press, a
 * double submit or a retried request finds the row and is told who replied.
 * A send that fails frees the response for another try.
 */
import { sql } from "drizzle-orm";
import { type Database, instant } from "../../db/client.js";
import { createAccess } from "../access/access.js";
import type { Asker } from "../assistant/types.js";
import type { SurveyChannel } from "./kinds.js";

/** Sends a text to a customer's chat; returns the platform's message id, or throws. */
export type CustomerTextSender = (
  channel: SurveyChannel,
  address: string,
  text: string,
) => Promise<string>;

export type ReplyOutcome =
  | { status: "sent"; channel: SurveyChannel; customerId: string }
  | { status: "already"; by: string; at: Date; text: string }
  | { status: "unreachable"; reason: string }
  | { status: "failed"; reason: string };

/** Where a response's customer can be reached: the channel they answered in. */
async function customerChatOf(
  db: Database,
  workspaceId: string,
  responseId: string,
): Promise<{ customerId: string; channel: SurveyChannel; address: string | null } | null> {
  const [row] = await db.rows<{
    customer_id: string;
    channel: SurveyChannel;
    telegram_chat_id: string | null;
    slack_user_id: string | null;
    opted_out: boolean;
  }>(sql`select r.customer_id, p.channel, c.telegram_chat_id, c.slack_user_id,
      c.survey_opt_out as opted_out
    from survey_responses r
    join survey_prompts p on p.workspace_id = r.workspace_id and r.id = 'prompt-' || p.id
    join customers c on c.workspace_id = r.workspace_id and c.id = r.customer_id
    where r.workspace_id = ${workspaceId} and r.id = ${responseId}`);
  if (!row) return null;
  const address = row.channel === "telegram" ? row.telegram_chat_id : row.slack_user_id;
  return { customerId: row.customer_id, channel: row.channel, address };
}

export async function replyToDetractor(
  db: Database,
  r: { workspaceId: string; responseId: string; text: string; repliedBy: string; now: Date },
  send: CustomerTextSender,
): Promise<ReplyOutcome> {
  const text = r.text.trim();
  if (text === "") return { status: "failed", reason: "the reply is empty" };
  const chat = await customerChatOf(db, r.workspaceId, r.responseId);
  if (!chat) return { status: "unreachable", reason: "no such survey answer from a chat" };
  if (!chat.address)
    return {
      status: "unreachable",
      reason: `the customer's ${chat.channel} chat is no longer linked`,
    };
  const claimed = await db.rows(sql`insert into survey_replies
      (workspace_id, response_id, customer_id, channel, text, replied_by, status, created_at)
    values (${r.workspaceId}, ${r.responseId}, ${chat.customerId}, ${chat.channel}, ${text},
      ${r.repliedBy}, 'sending', ${instant(r.now)})
    on conflict (workspace_id, response_id) do update set status = 'sending', text = excluded.text,
      replied_by = excluded.replied_by, created_at = excluded.created_at, error = null
      where survey_replies.status = 'failed'
    returning response_id`);
  if (claimed.length === 0) {
    const [first] = await db.rows<{ replied_by: string; created_at: Date | string; text: string }>(
      sql`select replied_by, created_at, text from survey_replies
        where workspace_id = ${r.workspaceId} and response_id = ${r.responseId}`,
    );
    return {
      status: "already",
      by: first?.replied_by ?? "someone",
      at: new Date(first?.created_at ?? r.now),
      text: first?.text ?? "",
    };
  }
  try {
    const messageId = await send(chat.channel, chat.address, text);
    await db.rows(sql`update survey_replies set status = 'sent', sent_at = ${instant(r.now)},
        message_id = ${messageId}
      where workspace_id = ${r.workspaceId} and response_id = ${r.responseId}`);
    return { status: "sent", channel: chat.channel, customerId: chat.customerId };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await db.rows(sql`update survey_replies set status = 'failed', error = ${reason}
      where workspace_id = ${r.workspaceId} and response_id = ${r.responseId}`);
    return { status: "failed", reason };
  }
}

/** What to tell the team member who pressed Reply, in a sentence. */
export function replyOutcomeText(outcome: ReplyOutcome): string {
  switch (outcome.status) {
    case "sent":
      return `Sent to customer ${outcome.customerId} in ${outcome.channel === "telegram" ? "Telegram" : "Slack"}.`;
    case "already":
      return `Not sent: ${outcome.by} already replied to this customer at ${outcome.at.toISOString().slice(0, 16).replace("T", " ")} UTC ("${outcome.text}"). Each answer gets one reply.`;
    case "unreachable":
      return `Not sent: ${outcome.reason}.`;
    case "failed":
      return `Not sent: ${outcome.reason}. Press Reply again to retry.`;
  }
}

/** Why this person may not answer customers from this chat, or null when they may (the chat's numbers are theirs). */
export async function replyRefusal(
  db: Database,
  asker: Asker & { platform: "slack" | "telegram" },
): Promise<string | null> {
  const decision = await createAccess(db, asker.workspaceId).may(asker, asker, "aggregate");
  return decision.allowed
    ? null
    : "Sorry, only people allowed to use Pulse here can reply to customers.";
}
