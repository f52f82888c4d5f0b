-- The amount refunded of an order (metrics.md: revenue is sum(amount -
-- refunded); an order refunded in full is no order). Zero for every order
-- written before, so the rollup's sums stay right as they are.
ALTER TABLE "orders" ADD COLUMN "refunded" numeric(18, 4) DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Revenue over a range stays an index-only scan: the refund travels with the amount (migration 0002).
DROP INDEX IF EXISTS "orders_ordered_cover_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "orders_ordered_cover_idx" ON "orders" ("workspace_id", "ordered_at") INCLUDE ("amount", "refunded", "customer_id", "category");--> statement-breakpoint
-- The rollup (migration 0004) counts net revenue and the orders not refunded in full.
CREATE OR REPLACE FUNCTION order_rollup_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO order_rollup (workspace_id, bucket, orders, revenue)
      SELECT workspace_id, date_bin('15 minutes', ordered_at, timestamptz '2000-01-01 00:00:00+00'),
        -count(*) FILTER (WHERE NOT (refunded > 0 AND refunded >= amount)), -sum(amount - refunded)
      FROM old_rows GROUP BY 1, 2
      ON CONFLICT (workspace_id, bucket) DO UPDATE
        SET orders = order_rollup.orders + excluded.orders, revenue = order_rollup.revenue + excluded.revenue;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO order_rollup (workspace_id, bucket, orders, revenue)
      SELECT workspace_id, date_bin('15 minutes', ordered_at, timestamptz '2000-01-01 00:00:00+00'),
        count(*) FILTER (WHERE NOT (refunded > 0 AND refunded >= amount)), sum(amount - refunded)
      FROM new_rows GROUP BY 1, 2
      ON CONFLICT (workspace_id, bucket) DO UPDATE
        SET orders = order_rollup.orders + excluded.orders, revenue = order_rollup.revenue + excluded.revenue;
  END IF;
  RETURN NULL;
END
$$;
