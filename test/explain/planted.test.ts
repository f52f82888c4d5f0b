/**
 * Drivers on data where one cause was planted (test/support/planted-causes.ts):
 * the planted group is the first driver and stands out, no dimension computed
 * from the metric is among the top three, and the month before, with noise
 * only, names no driver as standing out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { circularDimensions, runExplain } from "../../src/explain/explain.js";
import { getMetric } from "../../src/metrics/registry.js";
import type { MetricId } from "../../src/metrics/types.js";
import { drivers } from "../support/databases.js";
import {
  controlMonth,
  loadPlantedCauses,
  type Plant,
  plantedContext,
  plantedMonth,
} from "../support/planted-causes.js";

const cases: { plant: Plant; metric: MetricId; first: [string, string] }[] = [
  { plant: "channel_orders", metric: "orders", first: ["channel", "ads"] },
  { plant: "category_collapse", metric: "revenue", first: ["category", "tea"] },
  { plant: "plan_churn", metric: "churn_rate", first: ["plan", "basic"] },
  { plant: "country_signups", metric: "new_customers", first: ["country", "EE"] },
  { plant: "owner_win_rate", metric: "win_rate", first: ["owner", "Aino"] },
];

describe.each(drivers)("planted causes on $name", (driver) => {
  let db: Database;
  beforeAll(async () => {
    db = await driver.open();
    for (const { plant } of cases) await loadPlantedCauses(db, plant);
  }, 120_000);
  afterAll(() => db?.close());

  describe.each(cases)("$plant", ({ plant, metric, first }) => {
    const explain = (range: { from: string; to: string }) =>
      runExplain(db, { metric, ...range }, plantedContext(plant));

    it(`names ${first.join(" ")} first, standing out`, async () => {
      const result = await explain(plantedMonth);
      const [top] = result.drivers;
      expect([top!.dimension, top!.key]).toEqual(first);
      expect(top!.significant).toBe(true);
    });
    it("keeps the dimensions computed from the metric out of the top three", async () => {
      const result = await explain(plantedMonth);
      const circular = circularDimensions(getMetric(metric));
      for (const d of result.drivers.slice(0, 3)) expect(circular).not.toContain(d.dimension);
    });
    it("names no driver in the control month before", async () => {
      const result = await explain(controlMonth);
      expect(result.drivers.filter((d) => d.significant)).toEqual([]);
    });
  });
});
