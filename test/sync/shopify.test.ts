/**
 * `pulse sync shopify` against a fake Admin API: orders mean what Shopify's
 * export means (paid and refunded are sales less their refunds, pending and
 * voided no sale, created at keeps its offset, customers by e-mail in the
 * billing country); a second run reads only orders changed since; a sync
 * stopped mid-way and run again writes nothing twice; 429 and 401.
 */
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { SyncAuthError } from "../../src/sync/http.js";
import { runSync } from "../../src/sync/run-sync.js";
import { shopifySource } from "../../src/sync/shopify.js";
import { ensureWorkspace, updateWorkspace } from "../../src/workspace/workspace.js";
import { type FakeShopify, type FakeShopifyOrder, startFakeShopify } from "../fakes/shopify-api.js";
import { drivers } from "../support/databases.js";

const token = "shpat_test";
const ws = "shop";

const order = (n: number, over: Partial<FakeShopifyOrder> = {}): FakeShopifyOrder => ({
  id: 1000 + n,
  name: `#${1000 + n}`,
  email: `buyer${n % 5}@example.fi`,
  created_at: `2026-11-${String(1 + (n % 28)).padStart(2, "0")}T10:00:00+02:00`,
  updated_at: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
  currency: "EUR",
  total_price: "100.00",
  financial_status: "paid",
  billing_address: { country_code: "FI", name: "Buyer" },
  customer: { created_at: "2026-01-01T00:00:00+02:00" },
  refunds: [],
  ...over,
});

describe.each(drivers)("Shopify sync on $name", (driver) => {
  let shopify: FakeShopify;
  let db: Database;
  beforeEach(async () => {
    shopify = await startFakeShopify(token);
    db = await driver.open();
    await ensureWorkspace(db, ws);
    await updateWorkspace(db, ws, { currency: "EUR", timezone: "Europe/Helsinki" });
  });
  afterEach(async () => {
    await db.close();
    await shopify.close();
  });
  const source = () => shopifySource({ accessToken: token, apiUrl: shopify.apiUrl });
  const revenue = async () => {
    const [row] = await db.rows<{ revenue: number; orders: number }>(sql`select
      sum(amount - refunded)::float8 as revenue, count(*) filter (where refunded < amount)::int as orders
      from orders where workspace_id = ${ws}`);
    return row;
  };

  it("reads orders as Shopify means them: refunds reduce, pending and voided are no sale", async () => {
    shopify.orders.push(
      order(1, { total_price: "120.00" }),
      order(2, {
        financial_status: "partially_refunded",
        total_price: "80.00",
        refunds: [{ transactions: [{ kind: "refund", status: "success", amount: "30.00" }] }],
      }),
      order(3, {
        financial_status: "refunded",
        total_price: "50.00",
        refunds: [{ transactions: [{ kind: "refund", status: "success", amount: "50.00" }] }],
      }),
      order(4, { financial_status: "pending" }),
      order(5, { financial_status: "voided" }),
      order(6, { currency: "USD" }),
    );
    const summary = await runSync(db, ws, source());
    // 120 + (80 - 30) + (50 - 50); the fully refunded order is no order.
    expect(await revenue()).toEqual({ revenue: 170, orders: 2 });
    expect(summary.leftOut).toMatchObject({
      "pending orders (no sale)": 1,
      "voided orders (no sale)": 1,
    });
    const [customer] = await db.rows<{ country: string; email: string }>(
      sql`select country, email from customers where workspace_id = ${ws} and id = 'buyer1@example.fi'`,
    );
    expect(customer).toEqual({ country: "FI", email: "buyer1@example.fi" });
    const [created] = await db.rows<{ at: string }>(
      sql`select ordered_at::text as at from orders where id = '#1001'`,
    );
    expect(new Date(created!.at).toISOString()).toBe("2026-11-02T08:00:00.000Z");
  });

  it("a second run reads only the orders changed since, a refund among them", async () => {
    shopify.orders.push(...Array.from({ length: 300 }, (_, i) => order(i + 1)));
    await runSync(db, ws, source());
    expect(shopify.served.orders).toBe(300);
    const refunded = shopify.orders[0]!;
    refunded.financial_status = "refunded";
    refunded.refunds = [
      { transactions: [{ kind: "refund", status: "success", amount: "100.00" }] },
    ];
    refunded.updated_at = "2026-12-01T00:00:00Z";
    shopify.orders.push(order(301, { updated_at: "2026-12-01T00:00:01Z" }));
    await runSync(db, ws, source());
    // The two changed, and the last one read before (its time is read again, unchanged).
    expect(shopify.served.orders).toBe(303);
    expect(await revenue()).toEqual({ revenue: 300 * 100, orders: 300 });
  });

  it("stopped after a page and run again, writes every order once", async () => {
    shopify.orders.push(...Array.from({ length: 600 }, (_, i) => order(i + 1)));
    let pages = 0;
    await expect(
      runSync(db, ws, source(), () => {
        if (++pages === 3) throw new Error("killed");
      }),
    ).rejects.toThrow("killed");
    await runSync(db, ws, source());
    const [row] = await db.rows<{ n: number; distinct: number }>(
      sql`select count(*)::int as n, count(distinct id)::int as distinct from orders`,
    );
    expect(row).toEqual({ n: 600, distinct: 600 });
    expect(shopify.served.orders).toBeLessThan(600 * 2);
  });

  it("waits out a 429 as Shopify asks", async () => {
    shopify.orders.push(order(1));
    shopify.rateLimit(2, 0);
    await runSync(db, ws, source());
    expect((await revenue())!.orders).toBe(1);
  });

  it("names SHOPIFY_ACCESS_TOKEN when the shop refuses it", async () => {
    shopify.revoke();
    const failed = runSync(db, ws, source());
    await expect(failed).rejects.toBeInstanceOf(SyncAuthError);
    await expect(failed).rejects.toThrow(/SHOPIFY_ACCESS_TOKEN was refused \(401/);
  });
});
