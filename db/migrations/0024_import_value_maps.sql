-- Values a workspace's files write for canonical ones (a HubSpot pipeline's
-- stage "Demo booked" is qualified), given once with --map-values and
-- remembered for the next import.
CREATE TABLE "import_value_maps" (
	"workspace_id" text NOT NULL,
	"target" text NOT NULL,
	"value" text NOT NULL,
	"canonical" text NOT NULL,
	CONSTRAINT "import_value_maps_workspace_id_target_value_pk" PRIMARY KEY("workspace_id","target","value")
);
