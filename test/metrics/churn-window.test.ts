/**
 * The inactivity window of metrics.md "Ranges": a workspace setting that makes
 * a customer without churned_at churn N days after their last order. Every
 * number below is worked out by hand in the comments (window: 30 days, UTC).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { answerText } from "../../src/answers/text.js";
import { importFile } from "../../src/import/import-file.js";
import { type MetricQuery, runMetricQuery } from "../../src/metrics/query.js";
import { ensureWorkspace, getWorkspace, updateWorkspace } from "../../src/workspace/workspace.js";
import { drivers } from "../support/databases.js";

const dir = mkdtempSync(join(tmpdir(), "pulse-window-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/**
 * a: orders Jan 10 and Mar 1 (lapses Feb 9, returns, lapses again Mar 31)
 * b: no order (lapses Jan 31, 30 days after signing up)
 * c: signs up Jan 15, orders Feb 20 (lapses Mar 22)
 * d: an imported churned_at of Feb 10, which wins over its Jan 5 order
 * e: signs up Mar 5, orders Mar 6
 */
const customers = `id,signup_at,churned_at
a,2026-01-01,
b,2026-01-01,
c,2026-01-15,
d,2026-01-01,2026-02-10
e,2026-03-05,
`;
const orders = `id,customer_id,ordered_at,amount
o1,a,2026-01-10,10
o2,a,2026-03-01,10
o3,c,2026-02-20,10
o4,d,2026-01-05,10
o5,e,2026-03-06,10
`;

describe.each(drivers)("churn window on $name", (driver) => {
  let db: Database;
  const context = { workspaceId: "shop", timezone: "UTC" };
  const run = (query: Omit<MetricQuery, "from" | "to"> & Partial<MetricQuery>) =>
    runMetricQuery(db, { from: "2026-02-01", to: "2026-03-01", ...query }, context);

  beforeAll(async () => {
    db = await driver.open();
    await ensureWorkspace(db, context.workspaceId);
    await importFile(db, "customers", file("customers.csv", customers), context);
    await importFile(db, "orders", file("orders.csv", orders), context);
  });
  afterAll(() => db?.close());

  describe("without a window only imported churned_at counts", () => {
    it("February churn is d alone, of a, b, c, d active on Feb 1", async () => {
      const churn = await run({ metric: "churn_rate" });
      expect(churn.measures).toEqual({ churned: 1, customers_at_start: 4 });
      expect(churn.value).toBe(25);
      expect(churn.churnAfterDays).toBeUndefined();
    });
  });

  describe("with --churn-after-days 30", () => {
    beforeAll(() => updateWorkspace(db, context.workspaceId, { churnAfterDays: 30 }));
    afterAll(() => updateWorkspace(db, context.workspaceId, { churnAfterDays: null }));

    it("is a workspace setting", async () => {
      expect((await getWorkspace(db, context.workspaceId)).churnAfterDays).toBe(30);
    });

    it("active on Feb 1: a (Jan 10 + 30 days), c (sign-up Jan 15 + 30), d (churned_at Feb 10); not b (Jan 31)", async () => {
      const active = await run({
        metric: "active_customers",
        from: "2026-01-01",
        to: "2026-02-01",
      });
      expect(active.value).toBe(3);
    });

    it("February churn: a (Feb 9) and d (Feb 10) of the 3 active on Feb 1", async () => {
      const churn = await run({ metric: "churn_rate" });
      expect(churn.measures).toEqual({ churned: 2, customers_at_start: 3 });
      expect(churn.value).toBeCloseTo(66.667, 3);
      expect(churn.churnAfterDays).toBe(30);
    });

    it("February retention: only c is active on Mar 1, no sign-ups: 1 / 3", async () => {
      const retention = await run({ metric: "retention_rate" });
      expect(retention.measures).toEqual({
        customers_at_end: 1,
        signups: 0,
        customers_at_start: 3,
      });
      expect(retention.value).toBeCloseTo(33.333, 3);
    });

    it("a customer who lapses twice churns once in the range, once in each month", async () => {
      const quarter = await run({
        metric: "churned_customers",
        from: "2026-01-01",
        to: "2026-04-01",
        grain: "month",
      });
      // Jan: b; Feb: a, d; Mar: a again (Mar 31), c (Mar 22). The quarter: a, b, c, d.
      expect(quarter.series!.map((p) => p.value)).toEqual([1, 2, 2]);
      expect(quarter.value).toBe(4);
    });

    it("answers name the rule", async () => {
      const churn = await run({ metric: "churn_rate" });
      expect(answerText(churn, "USD").footnote).toBe(
        "churned customers / customers at start of period: 2 / 3; churn: no order for 30 days",
      );
    });

    it("metrics without churn do not mention it", async () => {
      expect((await run({ metric: "revenue" })).churnAfterDays).toBeUndefined();
    });
  });

  it("refuses a window that is not a whole number of days", async () => {
    await expect(updateWorkspace(db, context.workspaceId, { churnAfterDays: 0 })).rejects.toThrow(
      /whole number of days/,
    );
  });
});
