/**
 * Rankings of groups (questions.md v2) on the hand-checked shop, October
 * 2026: revenue by plan is pro 200, basic 150.50, unknown 10 (c5); revenue
 * by category shoes 300, hats 50.50, unknown 10.
 */
import { describe, expect, it } from "vitest";
import { QueryError } from "../../src/errors.js";
import { type MetricQuery, runMetricQuery } from "../../src/metrics/query.js";
import { drivers } from "../support/databases.js";
import { context, shopDatabase } from "../support/shop.js";

const october = { from: "2026-10-01", to: "2026-11-01" };

describe.each(drivers)("rankings on $name", (driver) => {
  const shop = shopDatabase(() => driver.open());

  const keys = async (q: Partial<MetricQuery> & Pick<MetricQuery, "metric">) =>
    (await runMetricQuery(shop.db, { ...october, ...q }, context)).groups!.map((g) => [
      g.key,
      g.value,
    ]);

  it("desc with a limit keeps the highest groups", async () => {
    expect(
      await keys({ metric: "revenue", groupBy: "category", rank: { order: "desc", limit: 1 } }),
    ).toEqual([["shoes", 300]]);
  });
  it("asc orders lowest first, and unknown is never ranked first", async () => {
    expect(
      await keys({ metric: "revenue", groupBy: "plan", rank: { order: "asc", limit: null } }),
    ).toEqual([
      ["basic", 150.5],
      ["pro", 200],
      ["unknown", 10],
    ]);
    expect(
      await keys({ metric: "revenue", groupBy: "plan", rank: { order: "asc", limit: 1 } }),
    ).toEqual([["basic", 150.5]]);
  });
  it("groups with no data come after those with a value", async () => {
    // Closed in October: d1 won (ann, web), d2 lost (bob, web), d3 won (ann, referral).
    expect(
      await keys({ metric: "win_rate", groupBy: "stage", rank: { order: "asc", limit: null } }),
    ).toEqual([
      ["lost", 0],
      ["won", 100],
      ["negotiation", null],
      ["proposal", null],
    ]);
  });
  it("a ranking works with a filter", async () => {
    expect(
      await keys({
        metric: "revenue",
        groupBy: "category",
        filters: [{ dimension: "plan", op: "in", values: ["basic"] }],
        rank: { order: "asc", limit: 1 },
      }),
    ).toEqual([["hats", 50.5]]);
  });
  it("a ranking without a group-by is refused", async () => {
    await expect(
      runMetricQuery(
        shop.db,
        { metric: "revenue", ...october, rank: { order: "desc", limit: 3 } },
        context,
      ),
    ).rejects.toThrow(QueryError);
  });
});
