/**
 * `pulse sync stripe` against a fake Stripe API answering in Stripe's own
 * shapes: succeeded charges are orders net of their refunds, failed ones no
 * sale; a second run reads only what is new; a sync killed mid-way and run
 * again writes nothing twice and loses nothing; a 429 is waited out; a
 * revoked key is named.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { openDatabase } from "../../db/client.js";
import { SyncAuthError } from "../../src/sync/http.js";
import { runSync } from "../../src/sync/run-sync.js";
import { stripeSource } from "../../src/sync/stripe.js";
import { ensureWorkspace, updateWorkspace } from "../../src/workspace/workspace.js";
import { type FakeCharge, type FakeStripe, startFakeStripe } from "../fakes/stripe-api.js";
import { drivers } from "../support/databases.js";

const key = "sk_test_pulse";
const ws = "shop";
/** 2026-11-01T00:00:00Z, and one hour per charge after it. */
const t0 = 1_793_491_200;

const charge = (n: number, over: Partial<FakeCharge> = {}): FakeCharge => ({
  id: `ch_${String(n).padStart(5, "0")}`,
  created: t0 + n * 3600,
  amount: 1000 + n,
  amount_refunded: 0,
  currency: "eur",
  customer: `cus_${n % 7}`,
  status: "succeeded",
  billing_details: { email: null },
  ...over,
});

const orders = (db: Database) =>
  db.rows<{ id: string; amount: number; refunded: number }>(
    sql`select id, amount::float8 as amount, refunded::float8 as refunded from orders
      where workspace_id = ${ws} order by id`,
  );

describe.each(drivers)("Stripe sync on $name", (driver) => {
  let stripe: FakeStripe;
  let db: Database;
  beforeEach(async () => {
    stripe = await startFakeStripe(key);
    db = await driver.open();
    await ensureWorkspace(db, ws);
    await updateWorkspace(db, ws, { currency: "EUR", timezone: "Europe/Helsinki" });
  });
  afterEach(async () => {
    await db.close();
    await stripe.close();
  });
  const source = () => stripeSource({ apiKey: key, apiUrl: stripe.apiUrl });
  const sync = () => runSync(db, ws, source());

  it("imports succeeded charges as orders net of refunds, in UTC, and leaves failed ones and other currencies out", async () => {
    stripe.customers.push({
      id: "cus_1",
      created: t0,
      email: "aino@example.fi",
      name: "Aino",
      address: { country: "FI" },
    });
    // 22:30 UTC on 30 November is 00:30 on 1 December in Helsinki: a December sale.
    stripe.charges.push(
      charge(1, {
        customer: "cus_1",
        amount: 12_000,
        created: Date.UTC(2026, 10, 30, 22, 30) / 1000,
      }),
      charge(2, { amount: 5_000, amount_refunded: 2_000 }),
      charge(3, { status: "failed" }),
      charge(4, { currency: "usd" }),
      charge(5, { customer: null, billing_details: { email: "guest@example.com" } }),
    );
    const summary = await sync();
    expect(await orders(db)).toEqual([
      { id: "ch_00001", amount: 120, refunded: 0 },
      { id: "ch_00002", amount: 50, refunded: 20 },
      { id: "ch_00005", amount: 10.05, refunded: 0 },
    ]);
    expect(summary.leftOut).toEqual({
      "failed or pending charges (no sale)": 1,
      "charges in USD (the workspace counts EUR; never mixed)": 1,
    });
    const [december] = await db.rows<{ n: number }>(sql`select count(*)::int as n from orders
      where workspace_id = ${ws} and (ordered_at at time zone 'Europe/Helsinki') >= '2026-12-01'`);
    expect(december!.n).toBe(1);
    const [guest] = await db.rows<{ id: string }>(
      sql`select customer_id as id from orders where id = 'ch_00005'`,
    );
    expect(guest!.id).toBe("guest@example.com");
  });

  it("a second run reads only what is new, and a refund made since reduces its order", async () => {
    stripe.charges.push(...Array.from({ length: 250 }, (_, i) => charge(i + 1)));
    await sync();
    const first = stripe.served.charges ?? 0;
    expect(first).toBe(250);
    stripe.charges.push(charge(251), charge(252));
    stripe.charges[0]!.amount_refunded = 1001;
    stripe.refunds.push({ id: "re_1", created: t0 + 300 * 3600, charge: "ch_00001", amount: 1001 });
    const second = await sync();
    // The two new charges, and the newest one seen before (its second is read again, unchanged).
    expect(stripe.served.charges! - first).toBe(3);
    expect(second.tables.orders).toMatchObject({ inserted: 2 });
    const rows = await orders(db);
    expect(rows).toHaveLength(252);
    expect(rows[0]).toEqual({ id: "ch_00001", amount: 10.01, refunded: 10.01 });
  });

  it("waits out a 429 as Stripe asks and finishes", async () => {
    stripe.charges.push(charge(1), charge(2));
    stripe.rateLimit(2, 0);
    await sync();
    expect(await orders(db)).toHaveLength(2);
    expect(stripe.requests.length).toBeGreaterThanOrEqual(5);
  });

  it("names STRIPE_API_KEY when Stripe refuses it, and keeps what was synced before", async () => {
    stripe.charges.push(charge(1));
    await sync();
    stripe.revoke();
    stripe.charges.push(charge(2));
    const failed = sync();
    await expect(failed).rejects.toBeInstanceOf(SyncAuthError);
    await expect(failed).rejects.toThrow(/STRIPE_API_KEY was refused \(401: Invalid API Key/);
    expect(await orders(db)).toHaveLength(1);
  });
});

describe("pulse sync stripe killed mid-way", { timeout: 180_000 }, () => {
  const bin = new URL("../../bin/pulse.js", import.meta.url).pathname;
  let child: ChildProcess | undefined;
  afterEach(() => child?.kill("SIGKILL"));

  const run = (env: Record<string, string>) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      child = spawn(process.execPath, [bin, "sync", "stripe"], {
        env: { PATH: process.env.PATH ?? "", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout?.on("data", (d) => {
        out += d;
      });
      child.stderr?.on("data", (d) => {
        out += d;
      });
      child.on("exit", (code) => resolve({ code, out }));
    });

  it("resumes where it stopped: nothing written twice, nothing lost", async () => {
    const stripe = await startFakeStripe(key);
    // A new workspace counts dollars.
    stripe.charges.push(
      ...Array.from({ length: 1500 }, (_, i) => charge(i + 1, { currency: "usd" })),
    );
    const dir = mkdtempSync(join(tmpdir(), "pulse-sync-"));
    const env = { PULSE_DATA_DIR: dir, STRIPE_API_KEY: key, STRIPE_API_URL: stripe.apiUrl };
    // Killed as Stripe answers the charges after the first thousand, which are written by then or being written.
    stripe.onPage = (list, served) => {
      if (list === "charges" && served > 1100) child?.kill("SIGKILL");
    };
    const killed = await run(env);
    expect(killed.code).toBeNull();
    stripe.onPage = undefined;
    const resumed = await run(env);
    expect(resumed.out).toContain("stripe sync finished");
    expect(resumed.code).toBe(0);
    const db = await openDatabase({ mode: "embedded", dataDir: dir });
    try {
      const [row] = await db.rows<{ n: number; distinct: number }>(
        sql`select count(*)::int as n, count(distinct id)::int as distinct from orders`,
      );
      expect(row).toEqual({ n: 1500, distinct: 1500 });
    } finally {
      await db.close();
      await stripe.close();
    }
  });
});
