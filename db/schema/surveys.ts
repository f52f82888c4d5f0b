/**
 * Survey prompts: one row per question sent (or to be sent) to one customer.
 * The row is the delivery engine's queue and its record at once:
 * pending -> sending (claimed by a sender) -> sent (with the platform's message id)
 * -> answered; or failed, unreachable (the customer blocked the bot), cancelled
 * (opted out before it went).
 */
import { sql } from "drizzle-orm";
import {
  bigserial,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { customers, surveyKinds } from "./data.js";

const instant = (name: string) => timestamp(name, { withTimezone: true });

export const surveyChannels = ["telegram", "slack"] as const;
export const promptStatuses = [
  "pending",
  "sending",
  "sent",
  "answered",
  "failed",
  "unreachable",
  "cancelled",
] as const;

export const surveyPrompts = pgTable(
  "survey_prompts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    customerId: text("customer_id").notNull(),
    kind: text("kind", { enum: surveyKinds }).notNull(),
    channel: text("channel", { enum: surveyChannels }).notNull(),
    status: text("status", { enum: promptStatuses }).notNull().default("pending"),
    createdAt: instant("created_at").notNull().defaultNow(),
    sentAt: instant("sent_at"),
    messageId: text("message_id"),
    /** Why the prompt exists: "campaign:<id>", "order:<order id>", "nps-every:<date>". One prompt per origin and customer. */
    origin: text("origin"),
    attempts: integer("attempts").notNull().default(0),
    /** A transient failure is retried no earlier than this. */
    notBefore: instant("not_before"),
    /** The sender process holding a prompt in "sending", and since when (its lease). */
    claimedBy: text("claimed_by"),
    claimedAt: instant("claimed_at"),
    /**
     * Set (and committed) just before the request leaves for the platform: a
     * sender that dies with this set may have delivered the prompt, and it is
     * not sent again; one that dies before it did not, and it is.
     */
    dispatchedAt: instant("dispatched_at"),
    /** The platform's last answer when sending failed. */
    error: text("error"),
    /** Telegram poll id, when the question went as a native poll (poll_answer names only the poll). */
    pollId: text("poll_id"),
    answeredAt: instant("answered_at"),
    /** When the follow-up question ("the main reason for your score?") was asked. */
    commentAskedAt: instant("comment_asked_at"),
    /** The Telegram message of the follow-up question: the comment is the reply to it. */
    commentMessageId: text("comment_message_id"),
  },
  (t) => [
    foreignKey({
      columns: [t.workspaceId, t.customerId],
      foreignColumns: [customers.workspaceId, customers.id],
    }),
    index("survey_prompts_sent_idx").on(t.workspaceId, t.sentAt),
    index("survey_prompts_queue_idx")
      .on(t.workspaceId, t.channel, t.id)
      .where(sql`${t.status} in ('pending', 'sending')`),
    index("survey_prompts_customer_idx").on(t.workspaceId, t.customerId, t.createdAt),
    uniqueIndex("survey_prompts_origin_idx").on(t.workspaceId, t.origin, t.customerId),
    index("survey_prompts_poll_idx").on(t.pollId),
  ],
);

/** Survey deep links handed out: bound to the first chat that uses one, expiring, revocable one by one. */
export const surveyLinks = pgTable(
  "survey_links",
  {
    /** Random, the part of the token the signature covers. */
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    customerId: text("customer_id").notNull(),
    createdAt: instant("created_at").notNull().defaultNow(),
    expiresAt: instant("expires_at").notNull(),
    /** The chat that used it first; no other chat may. */
    chatId: text("chat_id"),
    boundAt: instant("bound_at"),
    revokedAt: instant("revoked_at"),
  },
  (t) => [
    foreignKey({
      name: "survey_links_customer_fk",
      columns: [t.workspaceId, t.customerId],
      foreignColumns: [customers.workspaceId, customers.id],
    }).onDelete("cascade"),
    index("survey_links_customer_idx").on(t.workspaceId, t.customerId),
  ],
);

/**
 * The team's answer to a detractor, sent to the customer in their chat: one
 * per response (the primary key), so a double click or a retry never sends
 * it twice. "sending" is claimed before the request leaves; "sent" with the
 * platform's message id; "failed" frees the response for another try.
 */
export const surveyReplies = pgTable(
  "survey_replies",
  {
    workspaceId: text("workspace_id").notNull(),
    responseId: text("response_id").notNull(),
    customerId: text("customer_id").notNull(),
    channel: text("channel", { enum: surveyChannels }).notNull(),
    text: text("text").notNull(),
    /** The team member's platform user id. */
    repliedBy: text("replied_by").notNull(),
    status: text("status", { enum: ["sending", "sent", "failed"] })
      .notNull()
      .default("sending"),
    createdAt: instant("created_at").notNull().defaultNow(),
    sentAt: instant("sent_at"),
    messageId: text("message_id"),
    error: text("error"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.responseId] })],
);
