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

/** Who may see numbers: channels, users or chats allowed per platform (src/access, docs/access.md). */
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

/** One-time codes an admin redeems with /setup in Telegram (`pulse access setup-code`); only a hash is kept. */
export const accessSetupCodes = pgTable(
  "access_setup_codes",
  {
    workspaceId: text("workspace_id").notNull(),
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    usedBy: text("used_by"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.codeHash] })],
);
