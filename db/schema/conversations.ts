import { jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** The last question of each conversation (Slack thread, Telegram chat), for follow-ups across processes. */
export const conversations = pgTable(
  "conversations",
  {
    workspaceId: text("workspace_id").notNull(),
    /** Which follow-ups: "question" (metrics, lists, why) or "insight" (risk, themes, profitability). */
    kind: text("kind").notNull(),
    id: text("id").notNull(),
    value: jsonb("value").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.kind, t.id] })],
);
