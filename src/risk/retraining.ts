/**
 * The churn model refit on the newest history every week under `pulse serve`
 * (Sunday 03:00 in the workspace's zone): customers' behaviour drifts. With
 * several Pulse processes one trains; the others find the lock taken or a
 * model from the last day.
 */
import { Cron } from "croner";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import type { Logger } from "../logger.js";
import type { Pulse } from "../pulse.js";
import { getWorkspace } from "../workspace/workspace.js";
import { ModelUntrainableError } from "./churn-model.js";
import { trainAndStoreChurnModel } from "./churn-risk.js";
import { loadChurnModel } from "./model-store.js";

export const RETRAIN_SCHEDULE = "0 3 * * 0";
/** An arbitrary constant: the advisory lock held while one process retrains. */
const RETRAIN_LOCK = 7_207_311;
const DAY_MS = 86_400_000;

export type RetrainOutcome =
  | { status: "trained"; auc: number | null }
  | { status: "fresh" | "busy" }
  | { status: "untrainable"; reason: string };

export function retrainChurnModel(
  db: Database,
  workspaceId: string,
  now: Date,
): Promise<RetrainOutcome> {
  return db.transaction(async (tx) => {
    const [lock] = await tx.rows<{ got: boolean }>(
      sql`select pg_try_advisory_xact_lock(${RETRAIN_LOCK}) as got`,
    );
    if (!lock?.got) return { status: "busy" };
    const stored = await loadChurnModel(tx, workspaceId);
    if (stored && now.getTime() - stored.trainedAt.getTime() < DAY_MS) return { status: "fresh" };
    try {
      const trained = await trainAndStoreChurnModel(tx, workspaceId, now);
      return { status: "trained", auc: trained.auc };
    } catch (error) {
      if (error instanceof ModelUntrainableError)
        return { status: "untrainable", reason: error.message };
      throw error;
    }
  });
}

/** Runs the weekly retraining until stopped; `stop` waits for a training in progress. */
export async function startChurnRetraining(
  pulse: Pick<Pulse, "db" | "clock" | "logger" | "workspaceId">,
): Promise<{ stop(): Promise<void> }> {
  const { timezone } = await getWorkspace(pulse.db, pulse.workspaceId);
  let running: Promise<void> = Promise.resolve();
  const job = new Cron(RETRAIN_SCHEDULE, { timezone }, () => {
    running = retrain(pulse.db, pulse.workspaceId, pulse.clock.now(), pulse.logger);
  });
  return {
    async stop() {
      job.stop();
      await running;
    },
  };
}

async function retrain(db: Database, workspaceId: string, now: Date, logger: Logger) {
  try {
    const outcome = await retrainChurnModel(db, workspaceId, now);
    logger.info({ workspaceId, ...outcome }, "weekly churn model retraining");
  } catch (error) {
    logger.error({ err: error, workspaceId }, "weekly churn model retraining failed");
  }
}
