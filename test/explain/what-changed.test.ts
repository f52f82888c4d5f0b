/**
 * "What changed" on the planted-cause business (test/support/planted-causes.ts):
 * with two causes planted in November it names exactly those two metrics,
 * each with its planted driver; a month of noise names nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { whatChangedJson, whatChangedText } from "../../src/answers/what-changed-answer.js";
import { lastComplete, whatChanged } from "../../src/explain/what-changed.js";
import { drivers } from "../support/databases.js";
import { loadPlantedCauses, type Plant, plantedContext } from "../support/planted-causes.js";

const two: Plant[] = ["category_collapse", "plan_churn"];

describe.each(drivers)("what changed on $name", (driver) => {
  let db: Database;
  beforeAll(async () => {
    db = await driver.open();
    await loadPlantedCauses(db, two);
  }, 120_000);
  afterAll(() => db?.close());

  it("the last complete period is the week or month before today's", () => {
    expect(lastComplete("month", "2026-12-03")).toEqual({ from: "2026-11-01", to: "2026-12-01" });
    // 3 December 2026 is a Thursday: the last whole week is Monday 23 to Monday 30 November.
    expect(lastComplete("week", "2026-12-03")).toEqual({ from: "2026-11-23", to: "2026-11-30" });
  });
  it("names exactly the two planted changes, most unusual first, each with its planted driver", async () => {
    const result = await whatChanged(
      db,
      { period: "month", today: "2026-12-03" },
      plantedContext(two),
    );
    expect(result).toMatchObject({ from: "2026-11-01", to: "2026-12-01" });
    expect(result.items.map((i) => i.metric).sort()).toEqual(["churn_rate", "revenue"]);
    const unusual = result.items.map((i) => Math.abs(i.unusual));
    expect(unusual).toEqual([...unusual].sort((a, b) => b - a));
    const byMetric = Object.fromEntries(result.items.map((i) => [i.metric, i]));
    expect(byMetric.revenue!.drivers[0]).toMatchObject({ dimension: "category", key: "tea" });
    expect(byMetric.churn_rate!.drivers[0]).toMatchObject({ dimension: "plan", key: "basic" });
    // Churn rose, the wrong way: where it gets at this pace three months on is the risk.
    expect(byMetric.churn_rate!.risk?.at).toEqual({ from: "2027-02-01", to: "2027-03-01" });
    expect(byMetric.churn_rate!.risk!.value).toBeGreaterThan(byMetric.churn_rate!.value);
  });
  it("a month of noise only has nothing to say: nothing is posted unless all quiet was asked for", async () => {
    const today = { period: "month" as const, today: "2026-11-03" };
    const result = await whatChanged(db, today, plantedContext(two));
    expect(result.items).toEqual([]);
    expect(whatChangedText(result, "EUR")).toBeNull();
    expect(whatChangedText(result, "EUR", true)).toBe(
      "All quiet in October 2026: no metric moved out of its usual range.",
    );
  });
  it("the message has one line per item with the question for the full why, and JSON items likewise", async () => {
    const today = { period: "month" as const, today: "2026-12-03" };
    const result = await whatChanged(db, today, plantedContext(two));
    const text = whatChangedText(result, "EUR")!;
    expect(text.split("\n")[0]).toBe("What changed in November 2026:");
    expect(text).toContain('Ask: "why did revenue change in November 2026?"');
    expect(text).toMatch(/Churn rate \+[\d.]+ pts to [\d.]+% .*At this pace, churn rate reaches/);
    const json = whatChangedJson(result);
    expect(json.items.map((i) => i.ask)).toHaveLength(2);
    expect(json.items[0]!.drivers[0]).toHaveProperty("significant");
    expect(json.items[0]!.drivers[0]).toHaveProperty("shareOfBase");
  });
});
