CREATE TABLE "models" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"kind" text NOT NULL,
	"trained_at" timestamp with time zone NOT NULL,
	"auc" double precision,
	"train_rows" integer NOT NULL,
	"test_rows" integer NOT NULL,
	"model" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "models_latest_idx" ON "models" USING btree ("workspace_id","kind","trained_at");
