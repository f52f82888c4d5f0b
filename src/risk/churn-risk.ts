/** The churn-risk model as the rest of Pulse uses it: train and keep, or use the one kept. */
import type { Queryable } from "../../db/client.js";
import { ModelUntrainableError, type TrainedChurnModel, trainChurnModel } from "./churn-model.js";
import { loadChurnModel, saveChurnModel } from "./model-store.js";

/** A model older than this is retrained when it is next used: customers' behaviour drifts. */
export const MAX_MODEL_AGE_DAYS = 30;

export async function trainAndStoreChurnModel(
  db: Queryable,
  workspaceId: string,
  now: Date,
): Promise<TrainedChurnModel> {
  const trained = await trainChurnModel(db, workspaceId, now);
  await saveChurnModel(db, workspaceId, trained);
  return trained;
}

/**
 * The stored model. When there is none yet it is trained now (a chat question
 * should not need a terminal first); when it is over a month old it is
 * retrained, and kept as it was if the history no longer allows training.
 */
export async function churnModelFor(
  db: Queryable,
  workspaceId: string,
  now: Date,
): Promise<{ trained: TrainedChurnModel; justTrained: boolean }> {
  const stored = await loadChurnModel(db, workspaceId);
  const ageDays = stored ? (now.getTime() - stored.trainedAt.getTime()) / 86_400_000 : 0;
  if (stored && ageDays <= MAX_MODEL_AGE_DAYS) return { trained: stored, justTrained: false };
  try {
    return { trained: await trainAndStoreChurnModel(db, workspaceId, now), justTrained: true };
  } catch (error) {
    if (stored && error instanceof ModelUntrainableError)
      return { trained: stored, justTrained: false };
    throw error;
  }
}
