import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { ModelUntrainableError, trainChurnModel } from "../../src/risk/churn-model.js";
import { trainAndStoreChurnModel } from "../../src/risk/churn-risk.js";
import { loadChurnModel } from "../../src/risk/model-store.js";
import { retrainChurnModel } from "../../src/risk/retraining.js";
import { scoreCustomers } from "../../src/risk/score.js";
import { ensureWorkspace } from "../../src/workspace/workspace.js";
import { drivers } from "../support/databases.js";
import { loadPlanted, plantedNow, plantedWorkspace } from "../support/planted-churn.js";

describe.each(drivers)("churn-risk model on $name", (driver) => {
  let db: Database;
  beforeAll(async () => {
    db = await driver.open();
    await loadPlanted(db);
  }, 60_000);
  afterAll(() => db.close());

  it("ranks the planted fragile customers above the planted loyal ones on the time-based holdout", async () => {
    const trained = await trainChurnModel(db, plantedWorkspace, plantedNow);
    expect(trained.auc).toBeGreaterThan(0.75);
    expect(trained.trainRows).toBeGreaterThan(0);
    expect(trained.testRows).toBeGreaterThan(0);
    expect(trained.model.features).toContain("plan=basic");
  });

  it("scores today's fragile customers riskier than today's loyal ones, with reasons in words", async () => {
    const trained = await trainChurnModel(db, plantedWorkspace, plantedNow);
    const risks = await scoreCustomers(db, plantedWorkspace, trained.model, plantedNow);
    const mean = (prefix: string) => {
      const group = risks.filter((r) => r.customerId.startsWith(prefix));
      return group.reduce((a, r) => a + r.probability, 0) / group.length;
    };
    expect(mean("F")).toBeGreaterThan(mean("L") + 0.2);
    expect(risks[0]!.customerId.startsWith("F")).toBe(true);
    expect(risks[0]!.factors.length).toBeGreaterThan(0);
    expect(risks[0]!.factors.map((f) => f.text).join("; ")).toMatch(
      /basic plan|ads|NPS of 6 or less|support ticket/,
    );
  });

  it("stores the model and reloads it unchanged", async () => {
    expect(await loadChurnModel(db, plantedWorkspace)).toBeNull();
    const trained = await trainAndStoreChurnModel(db, plantedWorkspace, plantedNow);
    const loaded = await loadChurnModel(db, plantedWorkspace);
    expect(loaded).toEqual(trained);
  });

  it("refuses to train on too short a history, saying what is missing", async () => {
    await expect(
      trainChurnModel(db, plantedWorkspace, new Date("2024-12-01T00:00:00Z")),
    ).rejects.toThrow(ModelUntrainableError);
  });

  it("the weekly retraining refits once, and a model from the last day is kept", async () => {
    const week = new Date(plantedNow.getTime() + 7 * 86_400_000);
    expect(await retrainChurnModel(db, plantedWorkspace, week)).toMatchObject({
      status: "trained",
    });
    expect((await loadChurnModel(db, plantedWorkspace))!.trainedAt).toEqual(week);
    expect(await retrainChurnModel(db, plantedWorkspace, week)).toEqual({ status: "fresh" });
  });

  it("the weekly retraining says why a workspace without history cannot be trained", async () => {
    await ensureWorkspace(db, "empty");
    expect(await retrainChurnModel(db, "empty", plantedNow)).toMatchObject({
      status: "untrainable",
    });
  });
});
