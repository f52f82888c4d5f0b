CREATE TABLE "order_rollup" (
	"workspace_id" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"orders" bigint NOT NULL,
	"revenue" numeric(24, 4) NOT NULL,
	CONSTRAINT "order_rollup_workspace_id_bucket_pk" PRIMARY KEY("workspace_id","bucket")
);
