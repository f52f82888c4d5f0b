/**
 * Predictive models Pulse trained on a workspace's own history (churn risk).
 * Every training run is kept; the newest of a kind is the one in use, so a
 * retrain never leaves the workspace without a model half-way.
 */
import {
  bigserial,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { workspaces } from "./data.js";

export const models = pgTable(
  "models",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    /** What the model predicts: "churn_risk". */
    kind: text("kind").notNull(),
    trainedAt: timestamp("trained_at", { withTimezone: true }).notNull(),
    /** ROC AUC on the time-based holdout; null when the holdout had only one class. */
    auc: doublePrecision("auc"),
    /** Snapshots (customer x date) the holdout model learnt from and was tested on. */
    trainRows: integer("train_rows").notNull(),
    testRows: integer("test_rows").notNull(),
    /** Feature names, coefficients, standardisation and categorical levels: see src/risk/churn-model.ts. */
    model: jsonb("model").notNull(),
  },
  (t) => [index("models_latest_idx").on(t.workspaceId, t.kind, t.trainedAt)],
);
