/**
 * Revenue and orders net of refunds (metrics.md: revenue = sum(amount -
 * refunded); orders less those refunded in full), over October 2026 of
 * test/fixtures/refunds/orders.csv, by the rollup (no group) and by the
 * orders themselves (grouped), worked out by hand:
 *   r1 100 - 0     = 100    counts
 *   r2 50.50 - 50.50 = 0    refunded in full: no order
 *   r3 200 - 30    = 170    counts (refunded in part)
 *   r4 10 - 10     = 0      refunded in full: no order
 *   r5 0 - 0       = 0      counts (a free order refunded nothing)
 *   r6 is in November.
 * revenue 270, orders 3, aov 90.
 */
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { ImportRejectedError } from "../../src/import/errors.js";
import { importFile } from "../../src/import/import-file.js";
import { type MetricQuery, runMetricQuery } from "../../src/metrics/query.js";
import { ensureWorkspace } from "../../src/workspace/workspace.js";
import { drivers } from "../support/databases.js";

const fixture = new URL("../fixtures/refunds/orders.csv", import.meta.url).pathname;
const context = { workspaceId: "refunds", timezone: "UTC" };
const october = { from: "2026-10-01", to: "2026-11-01" };

describe.each(drivers)("refunds on $name", (driver) => {
  let db: Database;
  beforeAll(async () => {
    db = await driver.open();
    await ensureWorkspace(db, context.workspaceId);
    await importFile(db, "orders", fixture, { ...context, createCustomers: true });
  });
  afterAll(() => db?.close());

  const run = (metric: MetricQuery["metric"], groupBy?: MetricQuery["groupBy"]) =>
    runMetricQuery(db, { metric, ...october, ...(groupBy ? { groupBy } : {}) }, context);
  const total = async (metric: MetricQuery["metric"]) => (await run(metric)).value;
  const summed = async (metric: MetricQuery["metric"]) =>
    (await run(metric, "category")).groups!.reduce((sum, g) => sum + (g.value ?? 0), 0);

  it("revenue is the amounts less what was refunded of them", async () => {
    expect(await total("revenue")).toBeCloseTo(270, 10);
    expect(await summed("revenue")).toBeCloseTo(270, 10);
  });

  it("orders leaves out the orders refunded in full", async () => {
    expect(await total("orders")).toBe(3);
    expect(await summed("orders")).toBe(3);
  });

  it("aov is net revenue over the orders that count", async () => {
    expect(await total("aov")).toBeCloseTo(90, 10);
  });

  it("a refund written later moves revenue and orders, in the rollup as in the orders", async () => {
    await db.rows(
      sql`update orders set refunded = amount where workspace_id = 'refunds' and id = 'r1'`,
    );
    await db.rows(sql`update orders set refunded = 0 where workspace_id = 'refunds' and id = 'r2'`);
    // r1 now 0 and no order; r2 back to 50.50 and an order: 170 + 50.50 = 220.50 over r2, r3, r5.
    expect(await total("revenue")).toBeCloseTo(220.5, 10);
    expect(await summed("revenue")).toBeCloseTo(220.5, 10);
    expect(await total("orders")).toBe(3);
    expect(await summed("orders")).toBe(3);
  });

  it("a refund larger than the order is refused with its line and column", async () => {
    const bad = join(fixture, "..", "too-much.csv");
    const error = await importFile(db, "orders", bad, { ...context, createCustomers: true }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect((error as ImportRejectedError).problems).toEqual([
      {
        file: "too-much.csv",
        line: 3,
        column: "refunded",
        problem: "120 is more than the order's amount 100",
      },
    ]);
  });
});
