CREATE TABLE "sync_cursors" (
	"workspace_id" text NOT NULL,
	"source" text NOT NULL,
	"stream" text NOT NULL,
	"cursor" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_cursors_workspace_id_source_stream_pk" PRIMARY KEY("workspace_id","source","stream")
);
