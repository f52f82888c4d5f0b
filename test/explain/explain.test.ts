/**
 * Why a metric changed, on the hand-checked shop (test/fixtures/shop):
 * October 2026 against September. Each expected driver is worked out on
 * paper from the fixture rows in the comments.
 */
import { describe, expect, it } from "vitest";
import {
  circularDimensions,
  type Driver,
  type ExplainQuery,
  runExplain,
} from "../../src/explain/explain.js";
import { getMetric } from "../../src/metrics/registry.js";
import { drivers } from "../support/databases.js";
import { context, shopDatabase } from "../support/shop.js";

const october = { from: "2026-10-01", to: "2026-11-01" };

/** The deltas of one dimension's drivers, by group key. */
const deltasOf = (all: Driver[], dimension: Driver["dimension"]) =>
  Object.fromEntries(all.filter((d) => d.dimension === dimension).map((d) => [d.key, d.delta]));

describe.each(drivers)("explain on $name", (driver) => {
  const shop = shopDatabase(() => driver.open());

  const explain = (q: Partial<ExplainQuery> & Pick<ExplainQuery, "metric">) =>
    runExplain(shop.db, { ...october, ...q }, context);

  /** Every dimension split is one not computed from the metric, and each one's deltas add up to the whole change. */
  function expectSplitsSumToChange(result: Awaited<ReturnType<typeof explain>>) {
    const metric = getMetric(result.metric);
    const split = new Set(result.drivers.map((d) => d.dimension));
    expect([...split].sort()).toEqual(
      metric.dimensions.filter((d) => !circularDimensions(metric).includes(d)).sort(),
    );
    for (const dimension of split) {
      const sum = result.drivers
        .filter((d) => d.dimension === dimension)
        .reduce((total, d) => total + d.delta, 0);
      expect(sum, dimension).toBeCloseTo(result.change.delta!, 9);
    }
  }

  // Revenue: October 360.50 (c1 ann 150.50 basic, c2 bob 200 pro, c5 eve 10 no plan);
  // September 40 (c7 gus, pro, hats).
  it("an additive metric's group deltas are value minus previous, summing to the change", async () => {
    const result = await explain({ metric: "revenue" });
    expect(result.change).toEqual({ value: 360.5, previous: 40, delta: 320.5 });
    expect(result.previousRange).toEqual({ from: "2026-09-01", to: "2026-10-01" });
    expect(deltasOf(result.drivers, "plan")).toEqual({ basic: 150.5, pro: 160, unknown: 10 });
    expect(deltasOf(result.drivers, "category")).toEqual({ shoes: 300, hats: 10.5, unknown: 10 });
    // Age at each range's end: c1 36 and c2 46 on Nov 1, c7 31 on Oct 1.
    expect(deltasOf(result.drivers, "age_band")).toEqual({
      "45-54": 200,
      "35-44": 150.5,
      "25-34": -40,
      unknown: 10,
    });
    expectSplitsSumToChange(result);
  });
  // Previous shares of revenue by plan: pro 40 / 40 = 1, basic and no plan 0; the change is 320.50.
  it("each group's expected part is its previous share of the change, and drivers come largest |excess| first", async () => {
    const result = await explain({ metric: "revenue", dimensions: ["plan"] });
    expect(result.drivers.map((d) => [d.key, d.expected, d.excess, d.shareOfBase])).toEqual([
      ["pro", 320.5, 160 - 320.5, 1],
      ["basic", 0, 150.5, 0],
      ["unknown", 0, 10, 0],
    ]);
    expect(result.drivers[0]).toMatchObject({
      dimension: "plan",
      value: 200,
      previous: 40,
      delta: 160,
      shareOfChange: 160 / 320.5,
    });
  });
  it("leaves out the dimensions computed from the metric, unless asked for", async () => {
    const result = await explain({ metric: "revenue" });
    expect(result.leftOut).toEqual(["segment", "engagement"]);
    expect(result.drivers.some((d) => d.dimension === "segment")).toBe(false);
    // Engagement on Nov 1: c1 and c2 had one event each (low), c5 none; on Oct 1 c7 none.
    const asked = await explain({ metric: "revenue", dimensions: ["engagement"] });
    expect(asked.leftOut).toEqual([]);
    expect(deltasOf(asked.drivers, "engagement")).toMatchObject({ low: 350.5 });
  });
  it("with too little history no driver stands out", async () => {
    const result = await explain({ metric: "revenue" });
    expect(result.history.periods).toBeLessThan(3);
    expect(result.drivers.every((d) => !d.significant)).toBe(true);
  });

  // Churn rate: Oct 1 start c1, c3 (basic), c2, c7 (pro); churned c3 (basic), c2, c4 (pro): 75%.
  // Sep 1 start c1, c3 (basic), c2 (pro); none churned: 0%.
  it("a ratio splits by the symmetric rate/mix formula, summing to the change", async () => {
    const result = await explain({ metric: "churn_rate" });
    expect(result.change.delta).toBeCloseTo(75, 10);
    // Mean rate 37.5. basic: rate (50 - 0)(2/3 + 1/2)/2 = 29.1667, mix (1/2 - 2/3)(25 - 37.5) = 2.0833;
    // pro: rate (100 - 0)(1/3 + 1/2)/2 = 41.6667, mix (1/2 - 1/3)(50 - 37.5) = 2.0833.
    const plan = Object.fromEntries(
      result.drivers.filter((d) => d.dimension === "plan").map((d) => [d.key, d]),
    );
    expect(plan.basic!.rateEffect).toBeCloseTo(50 * (7 / 12), 10);
    expect(plan.basic!.mixEffect).toBeCloseTo((-1 / 6) * (25 - 37.5), 10);
    expect(plan.basic!.delta).toBeCloseTo(31.25, 10);
    expect(plan.pro!.rateEffect).toBeCloseTo(100 * (5 / 12), 10);
    expect(plan.pro!.mixEffect).toBeCloseTo((1 / 6) * (50 - 37.5), 10);
    expect(plan.pro!.delta).toBeCloseTo(43.75, 10);
    // Expected: w̄ times the change, 7/12 and 5/12 of 75; the excesses cancel out.
    expect(plan.basic!.expected).toBeCloseTo(43.75, 10);
    expect(plan.basic!.excess).toBeCloseTo(-12.5, 10);
    expect(plan.pro!.excess).toBeCloseTo(12.5, 10);
    expectSplitsSumToChange(result);
  });
  it("a group without a denominator in one range still adds up: its share of the numerator", async () => {
    // ARPU: Oct 360.50 / 4, Sep 40 / 3 (c7 signed up on Sep 1 exactly, so pro had only c2).
    // Eve (no plan) was not a customer on Oct 1: her 10 counts as 10 / 4 = 2.5.
    const result = await explain({ metric: "arpu" });
    expect(result.change.delta).toBeCloseTo(360.5 / 4 - 40 / 3, 10);
    // Weights of customers at start: Oct basic 1/2, pro 1/2; Sep basic 2/3, pro 1/3.
    const mean = (360.5 / 4 + 40 / 3) / 2;
    const plan = deltasOf(result.drivers, "plan");
    expect(plan.basic).toBeCloseTo(150.5 / 4 - (1 / 2 - 2 / 3) * mean, 10);
    expect(plan.pro).toBeCloseTo(200 / 4 - 40 / 3 - (1 / 2 - 1 / 3) * mean, 10);
    expect(plan.unknown).toBeCloseTo(2.5, 10);
    expectSplitsSumToChange(result);
  });
  it("nps (a difference of counts over responses) splits exactly", async () => {
    // Oct: basic c1 10, c3 6 (0 net of 2); pro c2 9 (1 of 1); eve 8 (0 of 1): 25.
    // Sep: c1 0 (basic, -1 of 1): -100. Mean -37.5; weights Oct 2/4, 1/4, 1/4, Sep 1, 0, 0.
    // basic: 100 (0/4 - -1/1) - (1/2 - 1)(-37.5) = 81.25; pro 100 (1/4) - (1/4)(-37.5) = 34.375;
    // no plan: 0 - (1/4)(-37.5) = 9.375.
    const result = await explain({ metric: "nps" });
    expect(result.change).toMatchObject({ value: 25, previous: -100, delta: 125 });
    const plan = deltasOf(result.drivers, "plan");
    expect(plan.basic).toBeCloseTo(81.25, 10);
    expect(plan.pro).toBeCloseTo(34.375, 10);
    expect(plan.unknown).toBeCloseTo(9.375, 10);
    expectSplitsSumToChange(result);
  });
  it("a state at an instant (active customers) splits the same way", async () => {
    // Active on Nov 1: c1 basic, c5 no plan, c7 pro; on Oct 1: c1, c3 basic, c2, c7 pro.
    const result = await explain({ metric: "active_customers" });
    expect(result.change).toEqual({ value: 3, previous: 4, delta: -1 });
    expect(deltasOf(result.drivers, "plan")).toEqual({ basic: -1, pro: -1, unknown: 1 });
    expectSplitsSumToChange(result);
  });
  it("explains the filtered population", async () => {
    const result = await explain({
      metric: "revenue",
      filters: [{ dimension: "plan", op: "in", values: ["pro"] }],
    });
    expect(result.change).toEqual({ value: 200, previous: 40, delta: 160 });
    expect(deltasOf(result.drivers, "plan")).toEqual({ pro: 160 });
  });
  it("no data in one range gives the change without drivers", async () => {
    // CLV of September divides by a churn rate of 0.
    const result = await explain({ metric: "clv" });
    expect(result.change.previous).toBeNull();
    expect(result.change.delta).toBeNull();
    expect(result.drivers).toEqual([]);
  });
  it("deal metrics split over their own dimensions", async () => {
    // Pipeline on Nov 1: d4 700 (bob), d5 200 (ann), d6 50 (bob); on Oct 1: d1 1000, d5 200 (ann).
    const result = await explain({ metric: "pipeline_value" });
    expect(result.change.delta).toBe(-250);
    expect(deltasOf(result.drivers, "owner")).toEqual({ ann: -1000, bob: 750 });
    expectSplitsSumToChange(result);
  });
});
