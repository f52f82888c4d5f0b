CREATE TABLE "customers" (
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text,
	"email" text,
	"phone" text,
	"country" text,
	"gender" text,
	"birth_date" date,
	"plan" text,
	"channel" text,
	"signup_at" timestamp with time zone NOT NULL,
	"churned_at" timestamp with time zone,
	"telegram_chat_id" text,
	"slack_user_id" text,
	"locale" text,
	"survey_opt_out" boolean DEFAULT false NOT NULL,
	CONSTRAINT "customers_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "customers_gender_check" CHECK ("customers"."gender" in ('f', 'm', 'x'))
);
--> statement-breakpoint
CREATE TABLE "deals" (
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"customer_id" text,
	"name" text,
	"stage" text NOT NULL,
	"amount" numeric(18, 4),
	"owner" text,
	"source" text,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "deals_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "deals_stage_check" CHECK ("deals"."stage" in ('lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'))
);
--> statement-breakpoint
CREATE TABLE "events" (
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"customer_id" text,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"text" text,
	"properties" jsonb,
	"sentiment" real,
	CONSTRAINT "events_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "marketing_spend" (
	"workspace_id" text NOT NULL,
	"date" date NOT NULL,
	"channel" text NOT NULL,
	"amount" numeric(18, 4) NOT NULL,
	CONSTRAINT "marketing_spend_workspace_id_date_channel_pk" PRIMARY KEY("workspace_id","date","channel")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"customer_id" text NOT NULL,
	"ordered_at" timestamp with time zone NOT NULL,
	"amount" numeric(18, 4) NOT NULL,
	"category" text,
	CONSTRAINT "orders_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "survey_prompts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"message_id" text
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"customer_id" text,
	"kind" text NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	"responded_at" timestamp with time zone NOT NULL,
	"source" text,
	"sentiment" real,
	"prompt_id" text,
	CONSTRAINT "survey_responses_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "survey_responses_kind_check" CHECK ("survey_responses"."kind" in ('nps', 'csat', 'ces'))
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_workspace_id_customer_id_customers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","customer_id") REFERENCES "public"."customers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_workspace_id_customer_id_customers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","customer_id") REFERENCES "public"."customers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_workspace_id_customer_id_customers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","customer_id") REFERENCES "public"."customers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_prompts" ADD CONSTRAINT "survey_prompts_workspace_id_customer_id_customers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","customer_id") REFERENCES "public"."customers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_workspace_id_customer_id_customers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","customer_id") REFERENCES "public"."customers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customers_signup_idx" ON "customers" USING btree ("workspace_id","signup_at");--> statement-breakpoint
CREATE INDEX "customers_churned_idx" ON "customers" USING btree ("workspace_id","churned_at");--> statement-breakpoint
CREATE INDEX "deals_created_idx" ON "deals" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "deals_closed_idx" ON "deals" USING btree ("workspace_id","closed_at");--> statement-breakpoint
CREATE INDEX "events_kind_occurred_idx" ON "events" USING btree ("workspace_id","kind","occurred_at");--> statement-breakpoint
CREATE INDEX "orders_ordered_idx" ON "orders" USING btree ("workspace_id","ordered_at");--> statement-breakpoint
CREATE INDEX "orders_customer_idx" ON "orders" USING btree ("workspace_id","customer_id");--> statement-breakpoint
CREATE INDEX "survey_prompts_sent_idx" ON "survey_prompts" USING btree ("workspace_id","sent_at");--> statement-breakpoint
CREATE INDEX "survey_responses_responded_idx" ON "survey_responses" USING btree ("workspace_id","responded_at");