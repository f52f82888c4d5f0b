import { bigint, foreignKey, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * A counter per workspace, bumped by statement triggers on orders (migration
 * 0011) whenever its orders are written: what "the orders have not changed
 * since" means for the kept segments below.
 */
export const orderVersions = pgTable("order_versions", {
  workspaceId: text("workspace_id").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull().default(0),
});

/** The RFM segments of a workspace from its orders before `until`, at an orders version. */
export const segmentSnapshots = pgTable(
  "segment_snapshots",
  {
    workspaceId: text("workspace_id").notNull(),
    until: timestamp("until", { withTimezone: true }).notNull(),
    version: bigint("version", { mode: "number" }).notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "segment_snapshots_pk", columns: [t.workspaceId, t.until, t.version] }),
  ],
);

export const customerSegments = pgTable(
  "customer_segments",
  {
    workspaceId: text("workspace_id").notNull(),
    until: timestamp("until", { withTimezone: true }).notNull(),
    version: bigint("version", { mode: "number" }).notNull(),
    customerId: text("customer_id").notNull(),
    segment: text("segment").notNull(),
  },
  (t) => [
    primaryKey({
      name: "customer_segments_pk",
      columns: [t.workspaceId, t.until, t.version, t.customerId],
    }),
    foreignKey({
      name: "customer_segments_snapshot_fk",
      columns: [t.workspaceId, t.until, t.version],
      foreignColumns: [
        segmentSnapshots.workspaceId,
        segmentSnapshots.until,
        segmentSnapshots.version,
      ],
    }).onDelete("cascade"),
  ],
);
