/**
 * Exports as Stripe, Shopify and HubSpot write them (test/fixtures/exports,
 * the vendors' exact column names), imported with no table and no mapping
 * into a workspace in Europe/Helsinki (UTC+2 in November and December) that
 * counts in EUR, give the numbers each system's own meaning gives, worked
 * out by hand in the comments.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { ImportRejectedError } from "../../src/import/errors.js";
import { type ImportOptions, importFile } from "../../src/import/import-file.js";
import { type MetricQuery, runMetricQuery } from "../../src/metrics/query.js";
import { ensureWorkspace, updateWorkspace } from "../../src/workspace/workspace.js";
import { drivers } from "../support/databases.js";

const fixture = (name: string) => new URL(`../fixtures/exports/${name}`, import.meta.url).pathname;
const november = { from: "2025-11-01", to: "2025-12-01" };
const december = { from: "2025-12-01", to: "2026-01-01" };
const dir = mkdtempSync(join(tmpdir(), "pulse-exports-"));

describe.each(drivers)("vendor exports on $name", (driver) => {
  let db: Database;
  let ws = 0;
  let options: ImportOptions;
  beforeAll(async () => {
    db = await driver.open();
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    options = { workspaceId: `x${++ws}`, timezone: "Europe/Helsinki", currency: "EUR" };
    await ensureWorkspace(db, options.workspaceId);
    await updateWorkspace(db, options.workspaceId, {
      timezone: "Europe/Helsinki",
      currency: "EUR",
    });
  });
  const value = async (metric: MetricQuery["metric"], range: { from: string; to: string }) =>
    (
      await runMetricQuery(
        db,
        { metric, ...range },
        { workspaceId: options.workspaceId, timezone: "Europe/Helsinki" },
      )
    ).value;
  const customers = () =>
    db.rows<{ id: string; email: string | null; country: string | null; signup: string }>(
      sql`select id, email, country, to_char(signup_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as signup
        from customers where workspace_id = ${options.workspaceId} order by id`,
    );

  describe("a Stripe payments export", () => {
    it("is recognised and says how it reads the file", async () => {
      const summary = await importFile(db, null, fixture("stripe-payments.csv"), options);
      expect(summary).toMatchObject({
        table: "orders",
        recognised: "Stripe payments export",
        rows: 8,
        inserted: 6,
        customersCreated: 4,
        skipped: { "failed charges (no money taken)": 1, "canceled charges (no money taken)": 1 },
      });
      expect(summary.notes).toContain("Created (UTC) is UTC");
    });

    // November in Helsinki: ch_3Nov01 100 + ch_3Nov03 80 - 80 refunded + ch_3Nov04 60 - 20
    // + ch_3Nov06 30 (21:59 UTC on 30 Nov is 23:59 in Helsinki) = 170; ch_3Nov02 failed.
    // Orders: Nov01, Nov04, Nov06 = 3 (Nov03 is refunded in full).
    it("counts failed charges as no orders and refunds against their charge", async () => {
      await importFile(db, null, fixture("stripe-payments.csv"), options);
      expect(await value("revenue", november)).toBeCloseTo(170, 10);
      expect(await value("orders", november)).toBe(3);
    });

    // December: ch_3Nov05 at 22:30 UTC on 30 November is 00:30 on 1 December in Helsinki: 200
    // + ch_3Dec07 1234.50 = 1434.50; ch_3Dec08 canceled. Orders: 2.
    it("reads Created (UTC) as UTC: a charge at 22:30 UTC on 30 November is December in Helsinki", async () => {
      await importFile(db, null, fixture("stripe-payments.csv"), options);
      expect(await value("revenue", december)).toBeCloseTo(1434.5, 10);
      expect(await value("orders", december)).toBe(2);
    });

    it("links customers by Customer ID, else e-mail, signed up at their first charge", async () => {
      await importFile(db, null, fixture("stripe-payments.csv"), options);
      expect(await customers()).toEqual([
        {
          id: "cara@example.se",
          email: "cara@example.se",
          country: null,
          signup: "2025-11-30 22:30",
        },
        { id: "cus_Anna", email: "anna@example.fi", country: null, signup: "2025-11-03 10:00" },
        // Ben's failed charge of 10 November is no order: he signed up at his refunded one.
        { id: "cus_Ben", email: "ben@example.de", country: null, signup: "2025-11-15 09:30" },
        { id: "cus_Dan", email: "dan@example.fi", country: null, signup: "2025-11-30 21:59" },
      ]);
    });

    it("importing it again changes nothing", async () => {
      await importFile(db, null, fixture("stripe-payments.csv"), options);
      const again = await importFile(db, null, fixture("stripe-payments.csv"), options);
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 6, customersCreated: 0 });
    });

    it("in a workspace that counts in another currency is refused, never mixed", async () => {
      const error = await importFile(db, null, fixture("stripe-payments.csv"), {
        ...options,
        currency: "USD",
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportRejectedError);
      expect((error as ImportRejectedError).problems[0]).toMatchObject({
        line: 2,
        column: "Currency",
        problem: expect.stringContaining(
          "EUR: the workspace counts in USD and amounts are never converted or mixed",
        ),
      });
      expect(await value("revenue", november)).toBe(0);
    });
  });

  describe("a Stripe subscriptions export", () => {
    // One customer per Customer ID: Anna (active), Ben (ended 22:30 UTC on 30 Nov = 1 Dec in
    // Helsinki), Cara (a canceled then an active subscription: not churned, on pro, since
    // 1 Aug), Eve (canceled 10 Nov without Ended At); Dan's never started.
    it("gives each customer their first start and, once every subscription ended, their churn", async () => {
      const summary = await importFile(db, null, fixture("stripe-subscriptions.csv"), options);
      expect(summary).toMatchObject({
        table: "customers",
        recognised: "Stripe subscriptions export",
        inserted: 4,
        skipped: {
          "subscriptions that never started": 1,
          "further subscriptions of a customer (folded into one)": 1,
        },
      });
      const rows = await db.rows<{
        id: string;
        plan: string;
        signup: string;
        churned: string | null;
      }>(
        sql`select id, plan, to_char(signup_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as signup,
            to_char(churned_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as churned
          from customers where workspace_id = ${options.workspaceId} order by id`,
      );
      expect(rows).toEqual([
        { id: "cus_Anna", plan: "pro", signup: "2025-09-01 08:00", churned: null },
        { id: "cus_Ben", plan: "basic", signup: "2025-10-01 00:00", churned: "2025-11-30 22:30" },
        { id: "cus_Cara", plan: "pro", signup: "2025-08-01 12:00", churned: null },
        { id: "cus_Eve", plan: "basic", signup: "2025-10-05 09:00", churned: "2025-11-10 09:00" },
      ]);
      expect(await value("churned_customers", november)).toBe(1); // Eve
      expect(await value("churned_customers", december)).toBe(1); // Ben, in Helsinki's December
    });
  });

  describe("a HubSpot contacts export", () => {
    it("makes customers of the contacts whose lifecycle stage is Customer", async () => {
      const summary = await importFile(db, null, fixture("hubspot-contacts.csv"), options);
      expect(summary).toMatchObject({
        table: "customers",
        recognised: "HubSpot contacts export",
        inserted: 2,
        skipped: { "lead lifecycle stage (not a customer yet)": 1 },
      });
      const rows = await db.rows<{
        id: string;
        name: string;
        country: string;
        channel: string;
        signup: string;
      }>(
        sql`select id, name, country, channel, to_char(signup_at at time zone 'Europe/Helsinki', 'YYYY-MM-DD HH24:MI') as signup
          from customers where workspace_id = ${options.workspaceId} order by id`,
      );
      expect(rows).toEqual([
        {
          id: "51",
          name: "Anna Aalto",
          country: "FI",
          channel: "Organic Search",
          signup: "2025-09-15 12:00",
        },
        {
          id: "53",
          name: "Cara Carlsson",
          country: "SE",
          channel: "Direct Traffic",
          signup: "2025-10-03 09:00",
        },
      ]);
    });
  });

  describe("a HubSpot companies export", () => {
    it("makes customers of the companies that are customers or evangelists", async () => {
      const summary = await importFile(db, null, fixture("hubspot-companies.csv"), options);
      expect(summary).toMatchObject({
        table: "customers",
        recognised: "HubSpot companies export",
        inserted: 2,
        skipped: { "opportunity lifecycle stage (not a customer yet)": 1 },
      });
      expect((await customers()).map((c) => [c.id, c.country, c.signup])).toEqual([
        ["9001", "FI", "2025-05-10 09:00"],
        ["9003", "DE", "2025-08-01 05:00"],
      ]);
    });
  });

  describe("a Shopify orders export", () => {
    it("is recognised, its line-item rows folded into their order", async () => {
      const summary = await importFile(db, null, fixture("shopify-orders.csv"), options);
      expect(summary).toMatchObject({
        table: "orders",
        recognised: "Shopify orders export",
        rows: 10,
        inserted: 5,
        customersCreated: 4,
        skipped: {
          "line-item rows (folded into their order)": 3,
          "pending orders (no sale)": 1,
          "voided orders (no sale)": 1,
        },
      });
    });

    // November in Helsinki: #1001 120 + #1003 60 - 60 refunded + #1004 200 - 50 (23:45 +02:00
    // on 30 Nov) = 270; #1002 pending and #1005 voided are no sales. Orders: #1001, #1004 = 2.
    it("leaves out pending and voided orders and takes refunds off", async () => {
      await importFile(db, null, fixture("shopify-orders.csv"), options);
      expect(await value("revenue", november)).toBeCloseTo(270, 10);
      expect(await value("orders", november)).toBe(2);
    });

    // December: #1006 99.90 + #1007 45 (23:30 +01:00 on 30 Nov is 00:30 on 1 Dec in Helsinki) = 144.90.
    it("keeps Created at's offset", async () => {
      await importFile(db, null, fixture("shopify-orders.csv"), options);
      expect(await value("revenue", december)).toBeCloseTo(144.9, 10);
      expect(await value("orders", december)).toBe(2);
    });

    it("makes customers of the e-mails, in their Billing Country", async () => {
      await importFile(db, null, fixture("shopify-orders.csv"), options);
      expect((await customers()).map((c) => [c.id, c.country, c.signup])).toEqual([
        ["anna@example.fi", "FI", "2025-11-05 08:00"],
        // Ben's pending order is no sale: he signed up at his paid one.
        ["ben@example.de", "DE", "2025-11-30 22:10"],
        ["cara@example.se", "SE", "2025-11-30 21:45"],
        ["eve@example.fi", "FI", "2025-11-30 22:30"],
      ]);
    });
  });

  describe("a Shopify customers export", () => {
    it("adds names and phones to the customers the orders made, keeping their sign-up", async () => {
      await importFile(db, null, fixture("shopify-orders.csv"), options);
      const summary = await importFile(db, null, fixture("shopify-customers.csv"), options);
      expect(summary).toMatchObject({
        table: "customers",
        recognised: "Shopify customers export",
        // Cara's name and country came with her order already; Anna gets her phone.
        updated: 1,
        unchanged: 1,
        skipped: {
          "customers without an order imported (the export has no sign-up date: import the orders export first)": 1,
        },
      });
      const rows = await db.rows<{
        id: string;
        name: string;
        phone: string | null;
        signup: string;
      }>(
        sql`select id, name, phone, to_char(signup_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as signup
          from customers where workspace_id = ${options.workspaceId} and id in ('anna@example.fi', 'cara@example.se') order by id`,
      );
      expect(rows).toEqual([
        {
          id: "anna@example.fi",
          name: "Anna Aalto",
          phone: "+358401234567",
          signup: "2025-11-05 08:00",
        },
        { id: "cara@example.se", name: "Cara Carlsson", phone: null, signup: "2025-11-30 21:45" },
      ]);
    });
  });

  describe("a HubSpot deals export", () => {
    const mapped = () => ({ ...options, valueMaps: { stage: { "demo booked": "qualified" } } });

    it("asks once for the stages of other pipelines, with the exact flag", async () => {
      const error = await importFile(db, null, fixture("hubspot-deals.csv"), options).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImportRejectedError);
      expect((error as ImportRejectedError).problems[0]).toEqual({
        file: "hubspot-deals.csv",
        line: 7,
        column: "Deal Stage (stage)",
        problem:
          '1 value(s) Pulse cannot place: "Demo booked" (line 7). Say what each is, one of lead, qualified, proposal, negotiation, won, lost: --map-values stage="Demo booked=lead" (remembered for the next import)',
      });
    });

    // Closed in November: 15801 won, 15802 lost, 15805 won: 2 of 3.
    // Open at 1 December: 15803 8000 + 15804 1200 + 15806 4000 + 15807 700 (its Close Date of
    // 28 November is a forecast, not a close) + 15808 1000 (closed 3 December) = 14,900.
    it("gives the win rate and the pipeline HubSpot's stages mean", async () => {
      const summary = await importFile(db, null, fixture("hubspot-deals.csv"), mapped());
      expect(summary).toMatchObject({
        table: "deals",
        recognised: "HubSpot deals export",
        inserted: 8,
      });
      expect(await value("win_rate", november)).toBeCloseTo((2 / 3) * 100, 10);
      expect(await value("pipeline_value", november)).toBeCloseTo(14900, 10);
    });

    it("remembers the stages it was told", async () => {
      await importFile(db, null, fixture("hubspot-deals.csv"), mapped());
      const again = await importFile(db, null, fixture("hubspot-deals.csv"), options);
      expect(again).toMatchObject({ inserted: 0, unchanged: 8 });
    });

    it("names owners and keeps Close Date only on closed deals", async () => {
      await importFile(db, null, fixture("hubspot-deals.csv"), mapped());
      const rows = await db.rows<{ id: string; stage: string; owner: string; closed: boolean }>(
        sql`select id, stage, owner, closed_at is not null as closed from deals
          where workspace_id = ${options.workspaceId} and id in ('15801', '15806', '15807') order by id`,
      );
      expect(rows).toEqual([
        { id: "15801", stage: "won", owner: "Maria Virtanen", closed: true },
        { id: "15806", stage: "qualified", owner: "Jonas Berg", closed: false },
        { id: "15807", stage: "qualified", owner: "Maria Virtanen", closed: false },
      ]);
    });
  });

  describe("a German Excel file: semicolons, Windows-1252, 1.234,56 and 31.12.2025", () => {
    const german = () =>
      importFile(db, "orders", fixture("excel-de-orders.csv"), {
        ...options,
        createCustomers: true,
        map: {
          id: "Bestellnummer",
          customer_id: "Kunde",
          ordered_at: "Bestelldatum",
          amount: "Betrag",
          category: "Kategorie",
        },
      });

    // December: A-1001 1234.56 + A-1002 89.90 = 1324.46; November: A-1003 2000 + A-1004 12.50
    // (23:15 on 30 November, Helsinki time) = 2012.50.
    it("reads decimal commas, thousands dots and day-first dates", async () => {
      const summary = await german();
      expect(summary).toMatchObject({ inserted: 4, customersCreated: 2 });
      expect(summary.format).toMatchObject({ encoding: "windows-1252", delimiter: ";" });
      expect(summary.notes).toContain('decimal comma, as line 2 shows ("1.234,56")');
      expect(await value("revenue", december)).toBeCloseTo(1324.46, 10);
      expect(await value("revenue", november)).toBeCloseTo(2012.5, 10);
      expect((await customers()).map((c) => c.id)).toEqual(["Anja Schäfer", "Jürgen Müller"]);
    });
  });

  describe("the general tools", () => {
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const orders = (name: string, text: string, extra: Partial<ImportOptions> = {}) =>
      importFile(db, "orders", file(name, text), { ...options, createCustomers: true, ...extra });

    it("--where keeps the rows a column's value says, and counts the others", async () => {
      const summary = await orders(
        "where.csv",
        "id,customer_id,ordered_at,amount,Status\no1,c1,2025-11-02,10,Paid\no2,c1,2025-11-03,20,Failed\no3,c1,2025-11-04,30,paid\n",
        { where: [{ column: "Status", equals: true, value: "Paid" }] },
      );
      expect(summary).toMatchObject({
        inserted: 2,
        skipped: { "left out by --where Status=Paid": 1 },
      });
      expect(await value("revenue", november)).toBeCloseTo(40, 10);
    });

    it("--where with != leaves out the rows with that value", async () => {
      await orders(
        "where-not.csv",
        "id,customer_id,ordered_at,amount,Status\no1,c1,2025-11-02,10,Paid\no2,c1,2025-11-03,20,Failed\n",
        { where: [{ column: "Status", equals: false, value: "failed" }] },
      );
      expect(await value("revenue", november)).toBeCloseTo(10, 10);
    });

    it("a column named (UTC) is UTC, and --timezone UTC makes the file's times UTC", async () => {
      const text = "id,customer_id,ordered_at,amount\no1,c1,2025-11-30 22:30,10\n";
      await importFile(
        db,
        "orders",
        file("utc-col.csv", text.replace("ordered_at", "Paid (UTC)")),
        {
          ...options,
          createCustomers: true,
          map: { ordered_at: "Paid (UTC)" },
        },
      );
      await orders("utc-flag.csv", text.replace("o1", "o2"), { timezone: "UTC" });
      expect(await value("orders", december)).toBe(2);
    });

    it("12-hour times, with the month first when a date shows it", async () => {
      await orders(
        "us.csv",
        "id,customer_id,ordered_at,amount\no1,c1,1/5/2026 3:04 PM,10\no2,c1,12/31/2025 11:59 PM,1,234.50\n".replace(
          "1,234.50",
          '"1,234.50"',
        ),
      );
      const rows = await db.rows<{ id: string; at: string; amount: string }>(
        sql`select id, to_char(ordered_at at time zone 'Europe/Helsinki', 'YYYY-MM-DD HH24:MI') as at, amount::text
          from orders where workspace_id = ${options.workspaceId} order by id`,
      );
      expect(rows).toEqual([
        { id: "o1", at: "2026-01-05 15:04", amount: "10.0000" },
        { id: "o2", at: "2025-12-31 23:59", amount: "1234.5000" },
      ]);
    });

    it("dates that read both ways are asked about, naming the flag", async () => {
      const error = await orders(
        "ambiguous.csv",
        "id,customer_id,ordered_at,amount\no1,c1,01/02/2026,10\no2,c1,03/04/2026,10\n",
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportRejectedError);
      expect((error as ImportRejectedError).problems).toEqual([
        {
          file: "ambiguous.csv",
          line: 2,
          column: "dates",
          problem:
            '"01/02/2026" and every other date of the file read as well day-first as month-first: say which with --date-format DD/MM/YYYY or --date-format MM/DD/YYYY',
        },
      ]);
    });

    it("a date that decides the order after ambiguous ones reads them all that way", async () => {
      await orders(
        "late.csv",
        "id,customer_id,ordered_at,amount\no1,c1,02/01/2026,10\no2,c1,12/25/2025,10\n",
      );
      const [row] = await db.rows<{ d: string }>(
        sql`select to_char(ordered_at at time zone 'Europe/Helsinki', 'YYYY-MM-DD') as d
          from orders where workspace_id = ${options.workspaceId} and id = 'o1'`,
      );
      expect(row!.d).toBe("2026-02-01");
    });

    it("--decimal , reads a comma file the file alone cannot tell", async () => {
      await orders("comma.csv", 'id,customer_id,ordered_at,amount\no1,c1,2025-11-02,"1,234"\n', {
        decimal: ",",
      });
      expect(await value("revenue", november)).toBeCloseTo(1.234, 10);
    });

    it("an amount may carry the workspace currency's sign, no other", async () => {
      await orders(
        "euro.csv",
        "id;customer_id;ordered_at;amount\no1;c1;02.11.2025;1.234,56 €\no2;c1;03.11.2025;EUR 10\n",
      );
      expect(await value("revenue", november)).toBeCloseTo(1244.56, 10);
      const error = await orders(
        "dollar.csv",
        "id,customer_id,ordered_at,amount\no3,c1,2025-11-02,$5\n",
      ).catch((e: unknown) => e);
      expect((error as ImportRejectedError).problems[0]).toMatchObject({
        line: 2,
        column: "amount",
      });
    });

    it("a HubSpot stage written with its pipeline is the stage", async () => {
      const header =
        "Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date,Deal owner,Pipeline";
      const path = file(
        "hubspot-suffix.csv",
        `${header}\n1,A,Closed won (Partner Pipeline),100,2025-11-20 10:00,2025-11-01 10:00,Jo,Partner Pipeline\n`,
      );
      await importFile(db, null, path, options);
      expect(await value("win_rate", november)).toBe(100);
    });

    it("--map-values places a column's values", async () => {
      const path = file(
        "stages.csv",
        "id,stage,created_at\nd1,Closed Won,2025-11-02\nd2,Closed Lost,2025-11-03\n",
      );
      await importFile(db, "deals", path, {
        ...options,
        valueMaps: { stage: { "closed won": "won", "closed lost": "lost" } },
      });
      const rows = await db.rows<{ stage: string }>(
        sql`select stage from deals where workspace_id = ${options.workspaceId} order by id`,
      );
      expect(rows.map((r) => r.stage)).toEqual(["won", "lost"]);
    });

    it("a problem names the file, the line, the file's column and the fix", async () => {
      const error = await orders(
        "bad.csv",
        "id,customer_id,ordered_at,amount\no1,c1,2025-11-02,ten\n",
      ).catch((e: unknown) => e);
      expect((error as ImportRejectedError).problems).toEqual([
        {
          file: "bad.csv",
          line: 2,
          column: "amount",
          problem:
            '"ten" is not a number (this file writes numbers like 1234.50 or 1,234.50; --decimal , reads it the other way)',
        },
      ]);
    });
  });

  it("a file no vendor writes is refused with the way to import it", async () => {
    const path = join(dir, "mystery.csv");
    copyFileSync(fixture("excel-de-orders.csv"), path);
    const error = await importFile(db, null, path, options).catch((e: unknown) => e);
    expect((error as ImportRejectedError).problems[0]!.problem).toMatch(
      /^not an export Pulse recognises \(Stripe subscriptions, Stripe payments, .*\): name the table and the columns/,
    );
  });
});
