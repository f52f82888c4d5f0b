/**
 * LTV:CAC on a hand-checked month (January 2026). Each channel has four
 * customers at the start, one new and one lost (churn 25%), and 100 of spend
 * (CAC 100 / 1 = 100).
 *   ads:      revenue 200, ARPU 200 / 4 = 50,  LTV 50 / 25% = 200, LTV:CAC 2 (flagged)
 *   referral: revenue 800, ARPU 800 / 4 = 200, LTV 200 / 25% = 800, LTV:CAC 8
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { runMetricQuery } from "../../src/metrics/query.js";
import { ltvToCac } from "../../src/profitability/ltv-cac.js";
import { profitabilityLines } from "../../src/profitability/profitability-answer.js";
import { ensureWorkspace } from "../../src/workspace/workspace.js";
import { drivers } from "../support/databases.js";

const context = { workspaceId: "profit", timezone: "UTC" };
const january = { from: "2026-01-01", to: "2026-02-01" };

async function loadFixture(db: Database): Promise<void> {
  await ensureWorkspace(db, context.workspaceId);
  for (const [prefix, channel, amount] of [
    ["A", "ads", 100],
    ["R", "referral", 200],
  ] as const) {
    for (let i = 1; i <= 5; i++) {
      const id = `${prefix}${i}`;
      const signup = i === 5 ? "2026-01-10T10:00:00Z" : "2025-12-01T10:00:00Z";
      const churned = i === 1 ? "2026-01-20T10:00:00Z" : null;
      await db.rows(sql`insert into customers (workspace_id, id, channel, signup_at, churned_at)
        values ('profit', ${id}, ${channel}, ${signup}::timestamptz, ${churned}::timestamptz)`);
      const orders = channel === "ads" ? (i <= 2 ? 1 : 0) : i <= 4 ? 1 : 0;
      if (orders)
        await db.rows(sql`insert into orders (workspace_id, id, customer_id, ordered_at, amount)
          values ('profit', ${`o-${id}`}, ${id}, '2026-01-15T10:00:00Z', ${amount})`);
    }
    await db.rows(sql`insert into marketing_spend (workspace_id, date, channel, amount)
      values ('profit', '2026-01-05', ${channel}, 100)`);
  }
}

describe.each(drivers)("LTV:CAC on $name", (driver) => {
  let db: Database;
  beforeAll(async () => {
    db = await driver.open();
    await loadFixture(db);
  });
  afterAll(() => db.close());

  it("divides each channel's LTV by its CAC and flags the ratio under 3", async () => {
    const rows = await ltvToCac(db, "channel", january, context);
    expect(rows).toEqual([
      { key: "ads", ltv: 200, cac: 100, ratio: 2, flagged: true },
      { key: "referral", ltv: 800, cac: 100, ratio: 8, flagged: false },
    ]);
  });

  it("says the flag in words", async () => {
    const rows = await ltvToCac(db, "channel", january, context);
    expect(profitabilityLines(rows, "USD")).toEqual([
      "ads: LTV:CAC 2.0 (LTV $200.00, CAC $100.00)  under 3: not profitable enough",
      "referral: LTV:CAC 8.0 (LTV $800.00, CAC $100.00)",
    ]);
  });

  it("gives a segment the blended CAC of its customers' channels and the segment's LTV", async () => {
    const rows = await ltvToCac(db, "segment", january, context);
    const ltv = await runMetricQuery(
      db,
      { metric: "clv", ...january, groupBy: "segment" },
      context,
    );
    for (const row of rows.filter((r) => r.key !== "unknown")) {
      // Both channels cost 100 per new customer, so every blend is 100.
      expect(row.cac).toBeCloseTo(100, 9);
      expect(row.ltv).toBe(ltv.groups!.find((g) => g.key === row.key)!.value);
    }
  });
});
