/**
 * Filters (questions.md v2) on the hand-checked shop (test/fixtures/shop),
 * October 2026. Orders of October: o1 c1 100 shoes, o2 c1 50.50 hats, o3 c2
 * 200 shoes, o4 c5 10 (no category); September: o6 c7 40 hats. Customers:
 * c1 basic ads FI f, c2 pro ads FI m, c3 basic organic AM f, c4 pro organic
 * (no country) x, c5 (no plan) referral GE (no gender), c7 pro ads FI m.
 */
import { describe, expect, it } from "vitest";
import { QueryError, UnsupportedDimensionError } from "../../src/errors.js";
import { forecastMetric } from "../../src/forecast/metric-forecast.js";
import { type MetricQuery, runMetricQuery } from "../../src/metrics/query.js";
import type { Filter } from "../../src/metrics/types.js";
import { drivers } from "../support/databases.js";
import { context, shopDatabase } from "../support/shop.js";

const october = { from: "2026-10-01", to: "2026-11-01" };
const keep = (dimension: Filter["dimension"], ...values: string[]): Filter => ({
  dimension,
  op: "in",
  values,
});
const drop = (dimension: Filter["dimension"], ...values: string[]): Filter => ({
  dimension,
  op: "not_in",
  values,
});

describe.each(drivers)("filters on $name", (driver) => {
  const shop = shopDatabase(() => driver.open());

  const run = (q: Partial<MetricQuery> & Pick<MetricQuery, "metric">) =>
    runMetricQuery(shop.db, { ...october, ...q }, context);
  const value = async (metric: MetricQuery["metric"], ...filters: Filter[]) =>
    (await run({ metric, filters })).value;

  it("in keeps the rows of the values named", async () => {
    expect(await value("revenue", keep("plan", "pro"))).toBe(200); // o3
  });
  it("workspace values compare case-insensitively", async () => {
    expect(await value("revenue", keep("plan", "PRO"))).toBe(200);
    expect(await value("pipeline_value", keep("owner", "Bob"))).toBe(750); // d4 700 + d6 50
  });
  it("not_in drops the values named and keeps rows without a value", async () => {
    expect(await value("revenue", drop("plan", "basic"))).toBe(210); // o3 200 + o4 10 (c5 has no plan)
  });
  it("in with several values keeps any of them", async () => {
    expect(await value("revenue", keep("category", "shoes", "hats"))).toBe(350.5);
  });
  it("unknown names the rows without a value", async () => {
    expect(await value("revenue", keep("plan", "unknown"))).toBe(10);
  });
  it("several filters combine with AND", async () => {
    expect(await value("revenue", keep("country", "FI"), keep("category", "shoes"))).toBe(300);
    expect(await value("revenue", keep("country", "FI"), drop("category", "shoes"))).toBe(50.5);
  });
  it("a ratio is computed over the filtered population", async () => {
    // Finland at Oct 1: c1, c2, c7; of them c2 churned in October (c7 on Nov 1, outside).
    expect(await value("churn_rate", keep("country", "FI"))).toBeCloseTo(100 / 3, 10);
  });
  it("gender, age band and segment filter by their canonical values", async () => {
    expect(await value("revenue", keep("gender", "f"))).toBe(150.5); // c1
    expect(await value("new_customers", keep("age_band", "25-34"))).toBe(1); // c4, 25 on Nov 1
    // At Nov 1 c2 and c7 are "at risk" (see metrics.test.ts); only c2 ordered in October.
    expect(await value("revenue", keep("segment", "at_risk"))).toBe(200);
    expect(await value("revenue", keep("segment", "at risk"))).toBe(200);
  });
  it("a dimension of two sources filters both: cac of one channel", async () => {
    expect(await value("cac", keep("channel", "organic"))).toBe(50); // 50 spend / c4
    expect(await value("cac", keep("channel", "ads"))).toBeNull(); // 400 spend, no sign-up
  });
  it("survey and deal dimensions filter their metrics", async () => {
    expect(await value("nps", keep("kind", "nps"))).toBe(25);
    expect(await value("win_rate", keep("source", "web"))).toBe(50); // d1 won, d2 lost
  });

  it("works with a group-by", async () => {
    const result = await run({
      metric: "revenue",
      groupBy: "category",
      filters: [keep("plan", "basic")],
    });
    expect(result.groups!.map((g) => [g.key, g.value])).toEqual([
      ["shoes", 100],
      ["hats", 50.5],
    ]);
    expect(result.value).toBe(150.5);
  });
  it("works with a grain", async () => {
    const result = await run({
      metric: "revenue",
      from: "2026-09-01",
      grain: "month",
      filters: [keep("plan", "pro")],
    });
    expect(result.series!.map((p) => p.value)).toEqual([40, 200]); // o6 c7, o3 c2
  });
  it("works with a comparison", async () => {
    const result = await run({
      metric: "revenue",
      compare: "previous_period",
      filters: [keep("plan", "pro")],
    });
    expect([result.value, result.previous!.value]).toEqual([200, 40]);
  });
  it("filters the history of a forecast", async () => {
    const forecast = await forecastMetric(shop.db, context, {
      metric: "revenue",
      grain: "day",
      horizon: 1,
      today: "2026-11-01",
      filters: [keep("plan", "pro")],
    });
    // Daily history starts at the first day with revenue: o6 (c7, Sep 15); o3 (c2) adds 200.
    expect(forecast.history[0]).toEqual({ from: "2026-09-15", value: 40 });
    expect(forecast.history.reduce((sum, p) => sum + p.value, 0)).toBe(240);
  });
  it("the result carries the filters it was computed under", async () => {
    const result = await run({ metric: "revenue", filters: [keep("plan", "pro")] });
    expect(result.filters).toEqual([keep("plan", "pro")]);
  });

  it("a dimension the metric does not have is a typed error naming the ones it has", async () => {
    const query = run({ metric: "cac", filters: [keep("category", "shoes")] });
    await expect(query).rejects.toThrow(UnsupportedDimensionError);
    await expect(query).rejects.toThrow(/cannot be filtered by category; .* channel/);
  });
  it("a filter without values is refused", async () => {
    await expect(run({ metric: "revenue", filters: [keep("plan")] })).rejects.toThrow(QueryError);
  });
});
