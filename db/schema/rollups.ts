import { bigint, numeric, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Orders added up per 15 minutes, kept exact by statement triggers on orders
 * (migration 0003). Revenue over a year reads ~35,000 buckets instead of every
 * order. Fifteen minutes because every time zone's midnight falls on one.
 */
export const orderRollup = pgTable(
  "order_rollup",
  {
    workspaceId: text("workspace_id").notNull(),
    bucket: timestamp("bucket", { withTimezone: true }).notNull(),
    orders: bigint("orders", { mode: "number" }).notNull(),
    revenue: numeric("revenue", { precision: 24, scale: 4 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.bucket] })],
);
