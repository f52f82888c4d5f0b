/**
 * The engagement metrics and the engagement dimension of metrics.md over
 * October 2026: the hand-checked shop plus the events of
 * test/fixtures/engagement. The expected numbers are worked out in the
 * comments from the fixture rows.
 *
 * Events in the 90 days before Nov 1 (from Aug 3 00:00 UTC), per customer:
 * c1 12 (1 mention, 4 visits, 5 opens, 2 clicks): high; c2 3 (visit, open,
 * ticket): medium; c3 1 (the Aug 3 00:00 ticket; Aug 2 23:59:59 is outside):
 * low; c5 1 (Oct 31 23:59:59; the Nov 1 visit is outside): low; c7 2 (an
 * app_open counts too): low; c4, c6 none.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { importFile } from "../../src/import/import-file.js";
import { type MetricQuery, runMetricQuery } from "../../src/metrics/query.js";
import { drivers } from "../support/databases.js";
import { context, handScorer, loadShop } from "../support/shop.js";

const october = { from: "2026-10-01", to: "2026-11-01" };
const eventsFile = new URL("../fixtures/engagement/events.csv", import.meta.url).pathname;

describe.each(drivers)("engagement metrics on $name", (driver) => {
  let db: Database;
  beforeAll(async () => {
    db = await driver.open();
    await loadShop(db);
    await importFile(db, "events", eventsFile, { ...context, sentiment: handScorer });
  });
  afterAll(() => db?.close());

  const run = (q: Partial<MetricQuery> & Pick<MetricQuery, "metric">) =>
    runMetricQuery(db, { ...october, ...q }, context);
  const value = async (metric: MetricQuery["metric"]) => (await run({ metric })).value;
  const groups = async (q: Partial<MetricQuery> & Pick<MetricQuery, "metric">) =>
    Object.fromEntries((await run(q)).groups!.map((g) => [g.key, g.value]));

  it("web visits counts the web_visit events of the range", async () => {
    expect(await value("web_visits")).toBe(6); // c1 3, c2 1 (the shop's repeated row is one), c5 1, c7 1
  });
  it("visitors counts each visiting customer once", async () => {
    expect(await value("visitors")).toBe(4); // c1, c2, c5, c7
  });
  it("e-mail opens and clicks count their events", async () => {
    expect(await value("email_opens")).toBe(5); // c1 4 in October, c2 1
    expect(await value("email_clicks")).toBe(2);
  });
  it("click-to-open rate is clicks over opens", async () => {
    expect(await value("click_to_open_rate")).toBeCloseTo(40, 10); // 100 * 2 / 5
  });
  it("support tickets counts tickets with and without a customer", async () => {
    expect(await value("support_tickets")).toBe(2); // c2 Oct 12, no customer Oct 15
  });
  it("tickets per 100 customers divides by the customers at the start", async () => {
    expect(await value("tickets_per_100_customers")).toBeCloseTo(50, 10); // 100 * 2 / 4
  });
  it("social mentions counts the social_mention events", async () => {
    expect(await value("social_mentions")).toBe(2); // c1 Oct 3, no customer Oct 16
  });
  it("a range without e-mail opens has no click-to-open rate", async () => {
    expect(
      (await run({ metric: "click_to_open_rate", from: "2020-01-01", to: "2020-02-01" })).value,
    ).toBeNull();
  });

  it("event metrics split by the event's customer, no customer being unknown", async () => {
    expect(await groups({ metric: "support_tickets", groupBy: "plan" })).toEqual({
      pro: 1,
      unknown: 1,
    });
    expect(await groups({ metric: "web_visits", groupBy: "plan" })).toEqual({
      basic: 3,
      pro: 2,
      unknown: 1,
    });
    expect(await groups({ metric: "visitors", groupBy: "plan" })).toEqual({
      basic: 1,
      pro: 2,
      unknown: 1,
    });
  });
  it("tickets per 100 customers splits tickets and customers alike", async () => {
    // pro: 1 ticket / c2, c7 at start; basic: 0 / c1, c3; unknown: 1 ticket, nobody at start.
    expect(await groups({ metric: "tickets_per_100_customers", groupBy: "plan" })).toEqual({
      pro: 50,
      basic: 0,
      unknown: null,
    });
  });
  it("visitors over a month grain counts a customer visiting in both months once in the total", async () => {
    const result = await run({ metric: "visitors", from: "2026-09-01", grain: "month" });
    expect(result.series!.map((p) => p.value)).toEqual([1, 4]); // September: c1
    expect(result.value).toBe(4);
  });

  describe("the engagement dimension", () => {
    it("bands customers by their events in the 90 days before the range's end", async () => {
      // At start c1 high, c2 medium, c3 and c7 low; churned c2, c3 and c4 (none).
      expect(await groups({ metric: "churn_rate", groupBy: "engagement" })).toEqual({
        high: 0,
        medium: 100,
        low: 50,
        none: null,
      });
    });
    it("counts customers with no events as none", async () => {
      expect(await groups({ metric: "new_customers", groupBy: "engagement" })).toEqual({
        low: 1, // c5
        none: 1, // c4
      });
    });
    it("groups orders through their customer", async () => {
      expect(await groups({ metric: "revenue", groupBy: "engagement" })).toEqual({
        high: 150.5,
        medium: 200,
        low: 10,
      });
    });
    it("groups events through their customer, no customer being unknown", async () => {
      expect(await groups({ metric: "web_visits", groupBy: "engagement" })).toEqual({
        high: 3,
        medium: 1,
        low: 2,
      });
      expect(await groups({ metric: "support_tickets", groupBy: "engagement" })).toEqual({
        medium: 1,
        unknown: 1,
      });
    });
    it("is read at the end of each period of a series", async () => {
      // At Oct 1 (window from Jul 3) c1 has 2 events (Sep 10 visit, Sep 20 open): low.
      const result = await run({
        metric: "active_customers",
        from: "2026-09-01",
        grain: "month",
        groupBy: "engagement",
      });
      const september = Object.fromEntries(result.groups!.map((g) => [g.key, g.series![0]!.value]));
      // Active at Oct 1: c1 low (2), c2 none, c3 low (Aug 3 ticket), c7 none.
      expect(september).toMatchObject({ low: 2, none: 2 });
    });
  });
});
