import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** One holder at a time for a named job across processes (src/leases). */
export const leases = pgTable("leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});
