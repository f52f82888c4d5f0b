/**
 * Lists of the customers and deals behind a number, on the hand-checked shop
 * (test/fixtures/shop), October 2026. Orders of October by customer: c1 Ann
 * 100 shoes + 50.50 hats, c2 Bob 200 shoes, c5 Eve 10. Churned in October:
 * c2 Bob, c3 Cat, c4 Dan; signed up: c4 Dan, c5 Eve; active on Nov 1: c1 Ann,
 * c5 Eve, c7 Gus. Deals open on Nov 1: d4 D 700 (bob), d5 E 200 (ann), d6 F
 * 50 (bob); closed in October: d1 A 1000, d2 B 500, d3 C 300.
 */
import { describe, expect, it } from "vitest";
import { UnsupportedDimensionError, UnsupportedListError } from "../../src/errors.js";
import { type ListQuery, runListQuery } from "../../src/lists/list.js";
import { drivers } from "../support/databases.js";
import { context, shopDatabase } from "../support/shop.js";

const october = { from: "2026-10-01", to: "2026-11-01" };

describe.each(drivers)("lists on $name", (driver) => {
  const shop = shopDatabase(() => driver.open());

  const list = (q: Partial<ListQuery> & Pick<ListQuery, "metric">) =>
    runListQuery(shop.db, { entity: "customers", ...october, ...q }, context);
  const rows = async (q: Partial<ListQuery> & Pick<ListQuery, "metric">) =>
    (await list(q)).rows.map((r) => [r.name, r.value]);

  it("top customers by revenue carry their revenue in the range, highest first", async () => {
    const result = await list({ metric: "revenue", rank: { order: "desc", limit: 2 } });
    expect(result.rows).toEqual([
      { id: "c2", name: "Bob", value: 200 },
      { id: "c1", name: "Ann", value: 150.5 },
    ]);
    expect(result.total).toBe(3); // Eve is a member too, cut by the limit
    expect(result.unit).toBe("money");
  });
  it("customers by orders count their orders; ties go by name", async () => {
    expect(await rows({ metric: "orders" })).toEqual([
      ["Ann", 2],
      ["Bob", 1],
      ["Eve", 1],
    ]);
  });
  it("ascending puts the smallest first", async () => {
    expect(await rows({ metric: "revenue", rank: { order: "asc", limit: 1 } })).toEqual([
      ["Eve", 10],
    ]);
  });
  it("who churned is a membership list without values", async () => {
    const result = await list({ metric: "churned_customers" });
    expect(result.rows.map((r) => [r.id, r.name, r.value])).toEqual([
      ["c2", "Bob", null],
      ["c3", "Cat", null],
      ["c4", "Dan", null],
    ]);
    expect([result.total, result.unit]).toEqual([3, null]);
  });
  it("new and active customers list sign-ups in the range and those active at its end", async () => {
    expect((await list({ metric: "new_customers" })).rows.map((r) => r.id)).toEqual(["c4", "c5"]);
    expect((await list({ metric: "active_customers" })).rows.map((r) => r.id)).toEqual([
      "c1",
      "c5",
      "c7",
    ]);
  });
  it("filters keep the members of the filtered population, with its values", async () => {
    expect(
      await rows({
        metric: "revenue",
        filters: [{ dimension: "category", op: "in", values: ["shoes"] }],
      }),
    ).toEqual([
      ["Bob", 200],
      ["Ann", 100],
    ]);
    expect(
      await rows({
        metric: "churned_customers",
        filters: [{ dimension: "country", op: "in", values: ["fi"] }],
      }),
    ).toEqual([["Bob", null]]);
    expect(
      await rows({
        metric: "revenue",
        filters: [{ dimension: "segment", op: "in", values: ["at_risk"] }],
      }),
    ).toEqual([["Bob", 200]]);
  });
  it("an empty list has total 0", async () => {
    const result = await list({ metric: "revenue", from: "2020-01-01", to: "2020-02-01" });
    expect([result.rows, result.total]).toEqual([[], 0]);
  });

  it("biggest open deals carry their amount", async () => {
    const result = await list({
      entity: "deals",
      metric: "pipeline_value",
      rank: { order: "desc", limit: 10 },
    });
    expect(result.rows.map((r) => [r.id, r.name, r.value])).toEqual([
      ["d4", "D", 700],
      ["d5", "E", 200],
      ["d6", "F", 50],
    ]);
    expect(result.total).toBe(3);
  });
  it("deal lists filter by deal dimensions", async () => {
    expect(
      await rows({
        entity: "deals",
        metric: "pipeline_value",
        filters: [{ dimension: "owner", op: "in", values: ["Bob"] }],
        rank: { order: "asc", limit: null },
      }),
    ).toEqual([
      ["F", 50],
      ["D", 700],
    ]);
  });
  it("the deals behind a win rate are those closed in the range", async () => {
    expect(await rows({ entity: "deals", metric: "win_rate" })).toEqual([
      ["A", 1000],
      ["B", 500],
      ["C", 300],
    ]);
  });

  it("the deals won in the range are the closed ones at stage won ('which deals did we win')", async () => {
    const won = [{ dimension: "stage" as const, op: "in" as const, values: ["won"] }];
    expect(await rows({ entity: "deals", metric: "win_rate", filters: won })).toEqual([
      ["A", 1000],
      ["C", 300],
    ]);
  });

  it("a metric with no members to list is a typed error suggesting those that have", async () => {
    const query = list({ metric: "churn_rate" });
    await expect(query).rejects.toThrow(UnsupportedListError);
    await expect(query).rejects.toThrow(/churned_customers/);
    await expect(list({ entity: "deals", metric: "revenue" })).rejects.toThrow(/pipeline_value/);
  });
  it("a filter on a dimension the metric lacks is refused", async () => {
    await expect(
      list({
        metric: "churned_customers",
        filters: [{ dimension: "category", op: "in", values: ["hats"] }],
      }),
    ).rejects.toThrow(UnsupportedDimensionError);
  });
});
