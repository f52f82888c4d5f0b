/**
 * Every metric of metrics.md over October 2026 of the hand-checked shop
 * (test/fixtures/shop). The expected numbers are worked out on paper in the
 * comments from the fixture rows.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { QueryError, TooManyPeriodsError, UnsupportedDimensionError } from "../../src/errors.js";
import { type MetricQuery, runMetricQuery } from "../../src/metrics/query.js";
import { drivers } from "../support/databases.js";
import { context, shopDatabase } from "../support/shop.js";

const october = { from: "2026-10-01", to: "2026-11-01" };

describe.each(drivers)("metrics on $name", (driver) => {
  const shop = shopDatabase(() => driver.open());

  const run = (q: Partial<MetricQuery> & Pick<MetricQuery, "metric">) =>
    runMetricQuery(shop.db, { ...october, ...q }, context);
  const value = async (metric: MetricQuery["metric"], extra: Partial<MetricQuery> = {}) =>
    (await run({ metric, ...extra })).value;

  // Active at Oct 1: c1, c2, c3 (churned exactly at Oct 1 00:00 still counts), c7 = 4.
  // Active at Nov 1: c1, c5, c7 (churned exactly at Nov 1) = 3; c6 signed up exactly at Nov 1 and does not count.
  it("active customers counts those active at the end of the range", async () => {
    expect(await value("active_customers")).toBe(3);
  });
  it("new customers counts sign-ups in the range, including one who churned in it", async () => {
    expect(await value("new_customers")).toBe(2); // c4, c5
  });
  it("churned customers includes a churn exactly at the start instant", async () => {
    expect(await value("churned_customers")).toBe(3); // c2, c3, c4
  });
  it("churn rate is churned over active at start", async () => {
    expect(await value("churn_rate")).toBeCloseTo(75, 10); // 3 / 4
  });
  it("retention rate is (active at end - new) over active at start", async () => {
    expect(await value("retention_rate")).toBeCloseTo(25, 10); // (3 - 2) / 4
  });
  it("revenue sums the orders of the range, boundary order at 23:59:59 included", async () => {
    expect(await value("revenue")).toBeCloseTo(360.5, 10); // 100 + 50.5 + 200 + 10
  });
  it("orders counts the orders of the range", async () => {
    expect(await value("orders")).toBe(4);
  });
  it("aov is revenue over orders", async () => {
    expect(await value("aov")).toBeCloseTo(90.125, 10);
  });
  it("arpu is revenue over customers at start", async () => {
    expect(await value("arpu")).toBeCloseTo(90.125, 10); // 360.5 / 4
  });
  it("cac is marketing spend over new customers", async () => {
    expect(await value("cac")).toBeCloseTo(225, 10); // (300 + 50 + 100) / 2
  });
  it("clv is arpu over churn rate", async () => {
    expect(await value("clv")).toBeCloseTo(90.125 / 0.75, 10);
  });
  it("marketing spend sums the spend of the range", async () => {
    expect(await value("marketing_spend")).toBeCloseTo(450, 10);
  });
  it("nps is promoters minus detractors over responses", async () => {
    expect(await value("nps")).toBeCloseTo(25, 10); // 100 * (2 - 1) / 4
  });
  it("csat is the share of 4-5 answers", async () => {
    expect(await value("csat")).toBeCloseTo(50, 10);
  });
  it("ces is the mean effort score", async () => {
    expect(await value("ces")).toBeCloseTo(4.5, 10);
  });
  it("win rate is won over won + lost closed in the range", async () => {
    expect(await value("win_rate")).toBeCloseTo((2 / 3) * 100, 10); // d1, d3 won; d2 lost
  });
  it("pipeline value sums deals open at the end of the range", async () => {
    expect(await value("pipeline_value")).toBeCloseTo(950, 10); // d4 700 + d5 200 + d6 50 (closed after)
  });
  it("conversion rate is won over deals created in the range", async () => {
    expect(await value("conversion_rate")).toBeCloseTo(50, 10); // d3, d6 of d2, d3, d4, d6
  });
  it("sentiment averages comments and social mentions", async () => {
    expect(await value("sentiment")).toBeCloseTo((0.9 - 0.5 + 0.7) / 3, 6);
  });
  it("response rate is answered over sent prompts", async () => {
    expect(await value("response_rate")).toBeCloseTo(50, 10);
  });

  it("a zero denominator is no data, not 0", async () => {
    const result = await run({ metric: "churn_rate", from: "2020-01-01", to: "2020-02-01" });
    expect(result.value).toBeNull();
    expect((await run({ metric: "revenue", from: "2020-01-01", to: "2020-02-01" })).value).toBe(0);
  });
  it("an empty range is refused with a clear message", async () => {
    await expect(run({ metric: "revenue", from: "2026-10-01", to: "2026-10-01" })).rejects.toThrow(
      QueryError,
    );
  });
  it("a series of more than 400 periods is refused with the coarser grain that fits", async () => {
    const daily = run({ metric: "revenue", from: "1900-01-01", to: "2026-11-30", grain: "day" });
    await expect(daily).rejects.toThrow(TooManyPeriodsError);
    await expect(daily).rejects.toMatchObject({
      periods: 46_354,
      coarser: { grain: "year", periods: 127 },
    });
    await expect(daily).rejects.toThrow(
      "By day, this range has 46,354 periods; a series has at most 400. By year it has 127: ask by year, or for a shorter range.",
    );
  });
  it("a series too long even by year asks for a shorter range", async () => {
    const yearly = run({ metric: "revenue", from: "1900-01-01", to: "9999-12-31", grain: "year" });
    await expect(yearly).rejects.toMatchObject({ periods: 8_100, coarser: null });
    await expect(yearly).rejects.toThrow(/Ask for a shorter range\.$/);
  });
  it("a series of exactly 400 periods is computed", async () => {
    const result = await run({
      metric: "orders",
      from: "2026-01-01",
      to: "2027-02-05",
      grain: "day",
    });
    expect(result.series).toHaveLength(400);
    expect(result.value).toBe(6);
  });
  it("the answer keeps the numerator and denominator", async () => {
    const result = await run({ metric: "churn_rate" });
    expect(result.measures).toMatchObject({ churned: 3, customers_at_start: 4 });
  });

  describe("dimensions", () => {
    const groups = async (q: Partial<MetricQuery> & Pick<MetricQuery, "metric">) =>
      Object.fromEntries((await run(q)).groups!.map((g) => [g.key, g.value]));

    it("plan groups customers", async () => {
      // basic: c1, c3 at start, c3 churned; pro: c2, c7 at start, c2 and c4 churned; c5 has no plan.
      expect(await groups({ metric: "churn_rate", groupBy: "plan" })).toEqual({
        basic: 50,
        pro: 100,
      });
    });
    it("plan groups orders through their customer, with no plan as unknown", async () => {
      expect(await groups({ metric: "revenue", groupBy: "plan" })).toEqual({
        basic: 150.5,
        pro: 200,
        unknown: 10,
      });
    });
    it("channel splits cac into each channel's spend over its new customers", async () => {
      expect(await groups({ metric: "cac", groupBy: "channel" })).toEqual({
        ads: null,
        organic: 50,
        referral: 0,
      });
    });
    it("country groups customers", async () => {
      expect(await groups({ metric: "new_customers", groupBy: "country" })).toEqual({
        GE: 1,
        unknown: 1,
      });
    });
    it("gender groups customers", async () => {
      expect(await groups({ metric: "active_customers", groupBy: "gender" })).toEqual({
        f: 1,
        m: 1,
        unknown: 1,
      });
    });
    it("age band is the age at the end of the range", async () => {
      // c4 born 2000-12-31 is 25 on 2026-11-01; c5 has no birth date.
      expect(await groups({ metric: "new_customers", groupBy: "age_band" })).toEqual({
        "25-34": 1,
        unknown: 1,
      });
    });
    it("segment groups customers by their RFM segment at the range's end", async () => {
      // Orders before Nov 1: c1 (2 orders, 150.5, last Oct 20), c2 (1, 200, Oct 3), c5 (1, 10, Oct 31), c7 (1, 40, Sep 15).
      // With four customers the quintiles are r: c7 1, c2 2, c1 3, c5 4; f: c2 1, c5 2, c7 3, c1 4 (ties by id);
      // m: c5 1, c7 2, c1 3, c2 4. So c1: r3 fm4 loyal; c2: r2 fm3 at risk; c5: r4 fm2 potential loyalists;
      // c7: r1 fm3 at risk. Revenue of October by segment follows.
      expect(await groups({ metric: "revenue", groupBy: "segment" })).toEqual({
        loyal: 150.5,
        "at risk": 200,
        "potential loyalists": 10,
      });
    });
    it("category groups orders", async () => {
      expect(await groups({ metric: "revenue", groupBy: "category" })).toEqual({
        shoes: 300,
        hats: 50.5,
        unknown: 10,
      });
    });
    it("stage, owner and source group deals", async () => {
      expect(await groups({ metric: "pipeline_value", groupBy: "owner" })).toEqual({
        bob: 750,
        ann: 200,
      });
      expect(await groups({ metric: "conversion_rate", groupBy: "source" })).toEqual({
        referral: 100,
        web: (1 / 3) * 100,
      });
      expect(await groups({ metric: "win_rate", groupBy: "stage" })).toEqual({
        won: 100,
        lost: 0,
        proposal: null,
        negotiation: null,
      });
    });
    it("kind groups survey metrics", async () => {
      expect(await groups({ metric: "nps", groupBy: "kind" })).toEqual({
        nps: 25,
        csat: null,
        ces: null,
      });
    });
    it("a group appears where any of the metric's rows fall in the range", async () => {
      // c5 (no plan) neither was a customer at the start nor churned: no churn-rate group for it.
      expect(await groups({ metric: "churn_rate", groupBy: "plan" })).not.toHaveProperty("unknown");
      expect(await groups({ metric: "cac", groupBy: "channel" })).toHaveProperty("ads", null);
    });
    it("groups are sorted largest first with no data last", async () => {
      expect(
        (await run({ metric: "revenue", groupBy: "category" })).groups!.map((g) => g.key),
      ).toEqual(["shoes", "hats", "unknown"]);
    });
    it("a dimension the metric does not have is refused with the ones it has", async () => {
      await expect(run({ metric: "cac", groupBy: "category" })).rejects.toThrow(
        UnsupportedDimensionError,
      );
      await expect(run({ metric: "cac", groupBy: "category" })).rejects.toThrow(/channel/);
    });
  });

  describe("grains and compare", () => {
    it("a month grain gives one point per month", async () => {
      const result = await run({ metric: "revenue", from: "2026-09-01", grain: "month" });
      expect(result.series!.map((p) => [p.from, p.value])).toEqual([
        ["2026-09-01", 40],
        ["2026-10-01", 360.5],
      ]);
      expect(result.value).toBeCloseTo(400.5, 10);
    });
    it("a week grain starts weeks on Monday and clips the first and last week", async () => {
      const result = await run({
        metric: "orders",
        from: "2026-10-01",
        to: "2026-10-15",
        grain: "week",
      });
      expect(result.series!.map((p) => [p.from, p.to, p.value])).toEqual([
        ["2026-10-01", "2026-10-05", 2],
        ["2026-10-05", "2026-10-12", 0],
        ["2026-10-12", "2026-10-15", 0],
      ]);
    });
    it("day, quarter and year grains split the range", async () => {
      expect(
        (
          await run({ metric: "orders", from: "2026-10-01", to: "2026-10-04", grain: "day" })
        ).series!.map((p) => p.value),
      ).toEqual([0, 1, 1]);
      expect(
        (
          await run({ metric: "revenue", from: "2026-07-01", to: "2027-01-01", grain: "quarter" })
        ).series!.map((p) => p.value),
      ).toEqual([40, 1359.5]);
      expect(
        (
          await run({ metric: "orders", from: "2025-01-01", to: "2027-01-01", grain: "year" })
        ).series!.map((p) => p.value),
      ).toEqual([0, 6]);
    });
    it("a long daily series gives the same totals as the whole range", async () => {
      const range = { from: "2026-09-01", to: "2026-11-01" };
      const daily = await run({ metric: "churn_rate", ...range, grain: "day" });
      expect(daily.series).toHaveLength(61);
      expect(daily.value).toBe((await run({ metric: "churn_rate", ...range })).value);
      const orders = await run({ metric: "orders", ...range, grain: "day" });
      expect(orders.series!.reduce((sum, p) => sum + (p.value ?? 0), 0)).toBe(5);
    });
    it("previous period of a month is the month before", async () => {
      const result = await run({ metric: "revenue", compare: "previous_period" });
      expect(result.previous).toMatchObject({ from: "2026-09-01", to: "2026-10-01", value: 40 });
    });
    it("previous year moves the range back twelve months", async () => {
      const result = await run({ metric: "revenue", compare: "previous_year" });
      expect(result.previous).toMatchObject({ from: "2025-10-01", to: "2025-11-01", value: 0 });
    });
    it("each series point and group carries its previous value when compared", async () => {
      const result = await run({
        metric: "revenue",
        from: "2026-10-01",
        to: "2026-12-01",
        grain: "month",
        groupBy: "category",
        compare: "previous_period",
      });
      expect(result.series!.map((p) => [p.value, p.previous])).toEqual([
        [360.5, 0],
        [999, 40],
      ]);
      expect(result.groups!.find((g) => g.key === "hats")).toMatchObject({
        value: 50.5,
        previous: 40,
      });
    });
  });

  it("bare dates are read in the workspace's time zone", async () => {
    // In Helsinki (UTC+3 in October), o4 at 23:59:59Z on Oct 31 is already November 1.
    const result = await runMetricQuery(
      shop.db,
      { metric: "orders", ...october },
      { ...context, timezone: "Europe/Helsinki" },
    );
    expect(result.value).toBe(3);
  });

  it("revenue stays exact after orders are changed, moved and deleted", async () => {
    // Ungrouped revenue reads the 15-minute rollup kept by triggers; grouped revenue reads the orders.
    await shop.db.rows(
      sql`update orders set amount = 150 where workspace_id = 'shop' and id = 'o1'`,
    );
    await shop.db.rows(
      sql`update orders set ordered_at = '2026-11-05T10:00:00Z' where workspace_id = 'shop' and id = 'o2'`,
    );
    await shop.db.rows(sql`delete from orders where workspace_id = 'shop' and id = 'o3'`);
    const total = await run({ metric: "revenue" });
    const byCategory = await run({ metric: "revenue", groupBy: "category" });
    expect(total.value).toBeCloseTo(160, 10); // o1 150 + o4 10
    expect(byCategory.groups!.reduce((sum, g) => sum + (g.value ?? 0), 0)).toBeCloseTo(160, 10);
    expect(await value("orders")).toBe(2);
  });
});
