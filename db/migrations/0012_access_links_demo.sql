-- One-time codes an admin redeems with /setup in Telegram (`pulse access setup-code`); only a hash is kept.
CREATE TABLE "access_setup_codes" (
	"workspace_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by" text,
	CONSTRAINT "access_setup_codes_workspace_id_code_hash_pk" PRIMARY KEY("workspace_id","code_hash")
);
--> statement-breakpoint
-- Survey deep links: one row per link handed out; bound to the first chat that uses it, expiring, revocable.
CREATE TABLE "survey_links" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"chat_id" text,
	"bound_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "survey_links_customer_fk" FOREIGN KEY ("workspace_id","customer_id") REFERENCES "customers"("workspace_id","id") ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX "survey_links_customer_idx" ON "survey_links" ("workspace_id","customer_id");
--> statement-breakpoint
-- Made-up customers of `pulse demo`: never sent a real survey.
ALTER TABLE "customers" ADD COLUMN "demo" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- The Telegram message of the follow-up question: the comment is the reply to it.
ALTER TABLE "survey_prompts" ADD COLUMN "comment_message_id" text;
--> statement-breakpoint
UPDATE "customers" SET "demo" = true WHERE "workspace_id" IN (SELECT "id" FROM "workspaces" WHERE "name" = 'Nordic Brew Co (demo)');
