-- The engagement dimension counts each customer's events in the 90 days
-- before a range's end: one probe of this index per customer (or order, or
-- event) instead of a scan of all events.
CREATE INDEX IF NOT EXISTS "events_customer_occurred_idx" ON "events" ("workspace_id", "customer_id", "occurred_at");
