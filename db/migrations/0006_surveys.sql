ALTER TABLE "survey_prompts" ADD COLUMN "origin" text;--> statement-breakpoint
ALTER TABLE "survey_prompts" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_prompts" ADD COLUMN "not_before" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "survey_prompts" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "survey_prompts" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "survey_prompts" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "survey_prompts" ADD COLUMN "poll_id" text;--> statement-breakpoint
ALTER TABLE "survey_prompts" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "survey_prompts" ADD COLUMN "comment_asked_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "customers_telegram_chat_idx" ON "customers" USING btree ("workspace_id","telegram_chat_id");--> statement-breakpoint
CREATE INDEX "survey_prompts_queue_idx" ON "survey_prompts" USING btree ("workspace_id","channel","id") WHERE "survey_prompts"."status" in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "survey_prompts_customer_idx" ON "survey_prompts" USING btree ("workspace_id","customer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_prompts_origin_idx" ON "survey_prompts" USING btree ("workspace_id","origin","customer_id");--> statement-breakpoint
CREATE INDEX "survey_prompts_poll_idx" ON "survey_prompts" USING btree ("poll_id");
