ALTER TABLE "workspaces" ADD COLUMN "survey_schedule_on" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE TABLE "survey_replies" (
	"workspace_id" text NOT NULL,
	"response_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"channel" text NOT NULL,
	"text" text NOT NULL,
	"replied_by" text NOT NULL,
	"status" text DEFAULT 'sending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"message_id" text,
	"error" text,
	CONSTRAINT "survey_replies_workspace_id_response_id_pk" PRIMARY KEY("workspace_id","response_id")
);
