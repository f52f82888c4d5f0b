-- Custom SQL migration file, put your code below! ---- Revenue and order counts over a range read only this index (an index-only
-- scan): the amount travels with the time, so the table itself is not visited.
-- drizzle's index builder has no INCLUDE, hence a custom migration.
DROP INDEX IF EXISTS "orders_ordered_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "orders_ordered_cover_idx" ON "orders" ("workspace_id", "ordered_at") INCLUDE ("amount", "customer_id", "category");
