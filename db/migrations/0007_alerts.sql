CREATE TABLE "alert_rules" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"definition" jsonb NOT NULL,
	"schedule" text,
	"timezone" text NOT NULL,
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"snoozed_until" timestamp with time zone,
	"next_run_at" timestamp with time zone,
	"in_episode" boolean DEFAULT false NOT NULL,
	"episode_started_at" timestamp with time zone,
	"change_cursor" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_firings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rule_id" bigint NOT NULL,
	"occurrence" text NOT NULL,
	"scheduled_for" timestamp with time zone NOT NULL,
	"purpose" text DEFAULT 'alert' NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"change_id" bigint,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"message" jsonb,
	"last_error" text,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "alert_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"source" text NOT NULL,
	"row" jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ingest_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_firings" ADD CONSTRAINT "alert_firings_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_rules_due_idx" ON "alert_rules" USING btree ("status","next_run_at");--> statement-breakpoint
CREATE INDEX "alert_rules_workspace_idx" ON "alert_rules" USING btree ("workspace_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_firings_occurrence_idx" ON "alert_firings" USING btree ("rule_id","occurrence");--> statement-breakpoint
CREATE INDEX "alert_firings_due_idx" ON "alert_firings" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "alert_changes_workspace_idx" ON "alert_changes" USING btree ("workspace_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "ingest_tokens_hash_idx" ON "ingest_tokens" USING btree ("token_hash");--> statement-breakpoint
-- Change log for event alerts. Rows are logged only while the workspace has an
-- active event rule for that source. Each writing statement first takes a
-- shared advisory lock (held to commit); the reader takes it exclusively
-- (try-lock), so when it reads, every id handed out so far is committed and a
-- per-rule cursor over the bigserial id cannot skip a late-committing row.
CREATE OR REPLACE FUNCTION alert_changes_wanted(ws text, src text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM alert_rules WHERE workspace_id = ws AND kind = 'event'
    AND status = 'active' AND definition->>'source' = src)
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION alert_changes_log(src text, ws text, payload jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7207307);
  INSERT INTO alert_changes (workspace_id, source, row) VALUES (ws, src, payload);
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION alert_changes_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The common case, a bulk import with no event rule anywhere, costs one lookup per statement.
  IF NOT EXISTS (SELECT 1 FROM alert_rules WHERE kind = 'event' AND status = 'active') THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'orders' THEN
    PERFORM alert_changes_log('order', n.workspace_id, to_jsonb(n))
      FROM new_rows n WHERE alert_changes_wanted(n.workspace_id, 'order') ORDER BY n.ordered_at, n.id;
  ELSIF TG_TABLE_NAME = 'events' THEN
    PERFORM alert_changes_log('event', n.workspace_id, to_jsonb(n))
      FROM new_rows n WHERE alert_changes_wanted(n.workspace_id, 'event') ORDER BY n.occurred_at, n.id;
  ELSIF TG_TABLE_NAME = 'customers' AND TG_OP = 'INSERT' THEN
    PERFORM alert_changes_log('signup', n.workspace_id, to_jsonb(n))
      FROM new_rows n WHERE alert_changes_wanted(n.workspace_id, 'signup') ORDER BY n.signup_at, n.id;
    PERFORM alert_changes_log('churn', n.workspace_id, to_jsonb(n))
      FROM new_rows n WHERE n.churned_at IS NOT NULL AND alert_changes_wanted(n.workspace_id, 'churn')
      ORDER BY n.churned_at, n.id;
  ELSIF TG_TABLE_NAME = 'customers' THEN
    PERFORM alert_changes_log('churn', n.workspace_id, to_jsonb(n))
      FROM new_rows n JOIN old_rows o ON o.workspace_id = n.workspace_id AND o.id = n.id
      WHERE n.churned_at IS NOT NULL AND o.churned_at IS NULL AND alert_changes_wanted(n.workspace_id, 'churn')
      ORDER BY n.churned_at, n.id;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER orders_alert_changes AFTER INSERT ON orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION alert_changes_capture();--> statement-breakpoint
CREATE TRIGGER events_alert_changes AFTER INSERT ON events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION alert_changes_capture();--> statement-breakpoint
CREATE TRIGGER customers_alert_changes_insert AFTER INSERT ON customers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION alert_changes_capture();--> statement-breakpoint
CREATE TRIGGER customers_alert_changes_update AFTER UPDATE ON customers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION alert_changes_capture();
