import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Answers already given, so the buttons under them (table, explain, break
 * down) work from any Pulse process and after a restart: the question is kept,
 * the numbers are computed again.
 */
export const answers = pgTable(
  "answers",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    /** The interpretation the answer was computed from. */
    interpretation: jsonb("interpretation").notNull(),
    /** Where it was asked: only the same chat may press its buttons. */
    platform: text("platform").notNull(),
    chatId: text("chat_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("answers_created_idx").on(t.createdAt)],
);
