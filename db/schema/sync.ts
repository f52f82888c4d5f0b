import { pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** Where each vendor sync's stream stopped, per workspace (src/sync): the next run reads on from there. */
export const syncCursors = pgTable(
  "sync_cursors",
  {
    workspaceId: text("workspace_id").notNull(),
    /** stripe, shopify, hubspot. */
    source: text("source").notNull(),
    /** A list of the vendor's: charges, refunds, orders, deals... */
    stream: text("stream").notNull(),
    /** The source's own position (src/sync/<source>.ts says what it holds). */
    cursor: text("cursor").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.source, t.stream] })],
);
