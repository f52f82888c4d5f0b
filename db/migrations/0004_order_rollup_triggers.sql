-- Custom SQL migration file, put your code below! ---- Keeps order_rollup equal to the orders table: each statement that writes
-- orders subtracts the rows it replaced or deleted and adds the rows it wrote.
CREATE OR REPLACE FUNCTION order_rollup_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO order_rollup (workspace_id, bucket, orders, revenue)
      SELECT workspace_id, date_bin('15 minutes', ordered_at, timestamptz '2000-01-01 00:00:00+00'), -count(*), -sum(amount)
      FROM old_rows GROUP BY 1, 2
      ON CONFLICT (workspace_id, bucket) DO UPDATE
        SET orders = order_rollup.orders + excluded.orders, revenue = order_rollup.revenue + excluded.revenue;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO order_rollup (workspace_id, bucket, orders, revenue)
      SELECT workspace_id, date_bin('15 minutes', ordered_at, timestamptz '2000-01-01 00:00:00+00'), count(*), sum(amount)
      FROM new_rows GROUP BY 1, 2
      ON CONFLICT (workspace_id, bucket) DO UPDATE
        SET orders = order_rollup.orders + excluded.orders, revenue = order_rollup.revenue + excluded.revenue;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER orders_rollup_insert AFTER INSERT ON orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION order_rollup_apply();--> statement-breakpoint
CREATE TRIGGER orders_rollup_update AFTER UPDATE ON orders
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION order_rollup_apply();--> statement-breakpoint
CREATE TRIGGER orders_rollup_delete AFTER DELETE ON orders
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION order_rollup_apply();--> statement-breakpoint
-- Orders written before this migration.
INSERT INTO order_rollup (workspace_id, bucket, orders, revenue)
  SELECT workspace_id, date_bin('15 minutes', ordered_at, timestamptz '2000-01-01 00:00:00+00'), count(*), sum(amount)
  FROM orders GROUP BY 1, 2;
