import { pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Events already handled, by Slack's event id: Slack retries an event it
 * thinks was lost (X-Slack-Retry-Num), and a retry must not answer twice,
 * whichever Pulse process receives it.
 */
export const slackEvents = pgTable("slack_events", {
  eventId: text("event_id").primaryKey(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Who may see numbers: channels, users or chats allowed per platform. No rule for a platform means open. */
export const accessRules = pgTable(
  "access_rules",
  {
    workspaceId: text("workspace_id").notNull(),
    platform: text("platform", { enum: ["slack", "telegram"] }).notNull(),
    kind: text("kind", { enum: ["channel", "user", "chat"] }).notNull(),
    subject: text("subject").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.platform, t.kind, t.subject] })],
);
