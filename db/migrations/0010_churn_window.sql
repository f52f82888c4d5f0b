-- A workspace's inactivity window (metrics.md "Ranges"): a customer without
-- churned_at has churned N days after their last order. Null: no window.
ALTER TABLE "workspaces" ADD COLUMN "churn_after_days" integer CHECK ("churn_after_days" > 0);--> statement-breakpoint
-- Under a window every customer's last order before an instant is looked up:
-- one probe of this index reads it, where (workspace_id, customer_id) alone
-- visits all of the customer's orders. It replaces that index (same use, one
-- more column), so imports maintain as many indexes as before.
CREATE INDEX IF NOT EXISTS "orders_customer_ordered_idx" ON "orders" ("workspace_id", "customer_id", "ordered_at");--> statement-breakpoint
DROP INDEX IF EXISTS "orders_customer_idx";
