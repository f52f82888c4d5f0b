/** Trained models kept in the `models` table: every run is kept, the newest of a kind is the one in use. */
import { sql } from "drizzle-orm";
import { instant, type Queryable } from "../../db/client.js";
import { type StoredChurnModel, storedChurnModel, type TrainedChurnModel } from "./churn-model.js";

const KIND = "churn_risk";

export async function saveChurnModel(
  db: Queryable,
  workspaceId: string,
  trained: TrainedChurnModel,
): Promise<void> {
  await db.rows(sql`insert into models (workspace_id, kind, trained_at, auc, train_rows, test_rows, model)
    values (${workspaceId}, ${KIND}, ${instant(trained.trainedAt)}, ${trained.auc},
      ${trained.trainRows}, ${trained.testRows}, ${JSON.stringify(trained.model)}::jsonb)`);
}

/** The newest churn-risk model of the workspace, or null when none was trained. */
export async function loadChurnModel(
  db: Queryable,
  workspaceId: string,
): Promise<TrainedChurnModel | null> {
  const [row] = await db.rows<{
    trained_at: string | Date;
    auc: number | string | null;
    train_rows: number;
    test_rows: number;
    model: unknown;
  }>(sql`select trained_at, auc, train_rows, test_rows, model from models
    where workspace_id = ${workspaceId} and kind = ${KIND}
    order by trained_at desc, id desc limit 1`);
  if (!row) return null;
  const model: StoredChurnModel = storedChurnModel.parse(
    typeof row.model === "string" ? JSON.parse(row.model) : row.model,
  );
  return {
    model,
    auc: row.auc === null ? null : Number(row.auc),
    trainRows: Number(row.train_rows),
    testRows: Number(row.test_rows),
    trainedAt: new Date(row.trained_at),
  };
}
