import { pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * What a workspace's files write for a canonical value, given once with
 * --map-values ("Demo booked" is the stage qualified) and remembered, so the
 * next export of the same system imports without asking again (migration 0024).
 */
export const importValueMaps = pgTable(
  "import_value_maps",
  {
    workspaceId: text("workspace_id").notNull(),
    /** "deals.stage": the table and canonical column. */
    target: text("target").notNull(),
    /** The file's value, lower case. */
    value: text("value").notNull(),
    canonical: text("canonical").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.target, t.value] })],
);
