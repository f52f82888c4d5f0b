ALTER TABLE "workspaces" ADD COLUMN "calendar" text DEFAULT 'gregorian' NOT NULL;
