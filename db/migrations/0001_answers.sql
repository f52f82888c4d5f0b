CREATE TABLE "answers" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"interpretation" jsonb NOT NULL,
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "answers_created_idx" ON "answers" USING btree ("created_at");