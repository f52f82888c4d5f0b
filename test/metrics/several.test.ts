/**
 * Several metrics in one question on the hand-checked shop, October 2026:
 * pro-plan customers ordered once (o3, 200); September once (o6, 40).
 */
import { describe, expect, it } from "vitest";
import { multiplesChartData } from "../../src/answers/chart.js";
import { resultsJson } from "../../src/answers/json.js";
import { runMetricQueries } from "../../src/metrics/several.js";
import { drivers } from "../support/databases.js";
import { context, shopDatabase } from "../support/shop.js";

describe.each(drivers)("several metrics on $name", (driver) => {
  const shop = shopDatabase(() => driver.open());

  const pro = [{ dimension: "plan" as const, op: "in" as const, values: ["pro"] }];

  it("gives one result per metric, in the order asked, over the same range and filters", async () => {
    const results = await runMetricQueries(
      shop.db,
      ["revenue", "orders", "churn_rate"],
      { from: "2026-10-01", to: "2026-11-01", filters: pro, compare: "previous_period" },
      context,
    );
    // Pro at Oct 1: c2, c7; churned in October: c2, c4 (signed up Oct 5): 2 / 2.
    expect(resultsJson(results)).toEqual([
      { metric: "revenue", value: 200, unit: "money", previous: 40 },
      { metric: "orders", value: 1, unit: "count", previous: 1 },
      { metric: "churn_rate", value: 100, unit: "percent", previous: 0 },
    ]);
  });
  it("draws them as small multiples, one panel per metric in its own unit", async () => {
    const results = await runMetricQueries(
      shop.db,
      ["revenue", "orders"],
      { from: "2026-09-01", to: "2026-11-01", grain: "month" },
      context,
    );
    const chart = multiplesChartData(results, "EUR");
    expect(chart).toMatchObject({
      kind: "multiples",
      title: "Revenue and orders, September - October 2026",
    });
    expect(
      chart.kind === "multiples" &&
        chart.panels.map((p) => [p.title, p.unit, p.points?.map((x) => x.value)]),
    ).toEqual([
      ["Revenue", "money", [40, 360.5]],
      ["Orders", "count", [1, 4]],
    ]);
  });
});
