CREATE TABLE "access_rules" (
	"workspace_id" text NOT NULL,
	"platform" text NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "access_rules_workspace_id_platform_kind_subject_pk" PRIMARY KEY("workspace_id","platform","kind","subject")
);
--> statement-breakpoint
CREATE TABLE "slack_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
