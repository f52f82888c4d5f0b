-- RFM segments computed once and kept (src/segments/snapshots.ts). Scoring every
-- customer of a workspace takes seconds at 100k customers; reading the kept
-- scores takes milliseconds. A snapshot is valid only at the orders version it
-- was computed at: every statement that writes orders bumps its workspace's
-- version, so a kept snapshot is never stale.
CREATE TABLE "order_versions" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);--> statement-breakpoint
CREATE TABLE "segment_snapshots" (
	"workspace_id" text NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segment_snapshots_pk" PRIMARY KEY("workspace_id","until","version")
);--> statement-breakpoint
CREATE TABLE "customer_segments" (
	"workspace_id" text NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	"customer_id" text NOT NULL,
	"segment" text NOT NULL,
	CONSTRAINT "customer_segments_pk" PRIMARY KEY("workspace_id","until","version","customer_id"),
	CONSTRAINT "customer_segments_snapshot_fk" FOREIGN KEY ("workspace_id","until","version")
		REFERENCES "segment_snapshots"("workspace_id","until","version") ON DELETE CASCADE
);--> statement-breakpoint
CREATE OR REPLACE FUNCTION order_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO order_versions (workspace_id, version)
      SELECT DISTINCT workspace_id, 1 FROM old_rows
      ON CONFLICT (workspace_id) DO UPDATE SET version = order_versions.version + 1;
  ELSE
    INSERT INTO order_versions (workspace_id, version)
      SELECT DISTINCT workspace_id, 1 FROM new_rows
      ON CONFLICT (workspace_id) DO UPDATE SET version = order_versions.version + 1;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER orders_version_insert AFTER INSERT ON orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION order_versions_bump();--> statement-breakpoint
CREATE TRIGGER orders_version_update AFTER UPDATE ON orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION order_versions_bump();--> statement-breakpoint
CREATE TRIGGER orders_version_delete AFTER DELETE ON orders
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION order_versions_bump();
