/**
 * The real files in ../shared/data imported with --map, checked against
 * totals computed here straight from the CSV.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { importFile } from "../../src/import/import-file.js";
import { runMetricQuery } from "../../src/metrics/query.js";
import { ensureWorkspace } from "../../src/workspace/workspace.js";
import { drivers } from "../support/databases.js";
import { hasShared, readCsv, sharedData, skipNote } from "../support/shared-data.js";

const tally = (rows: Record<string, string>[], column: string) => {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const key = row[column] === "" ? "unknown" : row[column]!;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

const withData = describe.skipIf(!hasShared("data"));

withData.each(drivers)(`real data on $name${skipNote("data")}`, (driver) => {
  let db: Database;
  beforeAll(async () => {
    db = await driver.open();
  });
  afterAll(() => db?.close());

  it("Online Retail invoices import as orders with the same count and revenue", async () => {
    const options = { workspaceId: "retail", timezone: "UTC" };
    await ensureWorkspace(db, options.workspaceId);
    const invoices = readCsv("online-retail/invoices.csv");
    // The file has no customer list: derive one (first invoice = sign-up) as a shop would export it.
    const firstSeen = new Map<string, string>();
    for (const row of invoices) {
      const seen = firstSeen.get(row.CustomerID!);
      if (!seen || row.InvoiceDate! < seen) firstSeen.set(row.CustomerID!, row.InvoiceDate!);
    }
    const customers = join(mkdtempSync(join(tmpdir(), "pulse-retail-")), "customers.csv");
    writeFileSync(
      customers,
      stringify(
        [...firstSeen].map(([id, signup_at]) => ({ id, signup_at })),
        { header: true },
      ),
    );
    await importFile(db, "customers", customers, options);

    const summary = await importFile(db, "orders", sharedData("online-retail/invoices.csv"), {
      ...options,
      map: {
        id: "InvoiceNo",
        ordered_at: "InvoiceDate",
        customer_id: "CustomerID",
        amount: "TotalPrice",
      },
    });
    expect(summary).toMatchObject({ rows: 18_532, inserted: 18_532, rejected: 0 });
    expect(firstSeen.size).toBe(4_338);

    // Amounts are stored as numeric(18,4): round each the same way before adding.
    const cents = (rows: Record<string, string>[]) =>
      rows.reduce((sum, r) => sum + Math.round(Number(r.TotalPrice) * 1e4), 0) / 1e4;
    const year = await runMetricQuery(
      db,
      { metric: "revenue", from: "2010-12-01", to: "2012-01-01" },
      options,
    );
    expect(year.value).toBeCloseTo(cents(invoices), 2);
    const december = await runMetricQuery(
      db,
      { metric: "orders", from: "2010-12-01", to: "2011-01-01" },
      options,
    );
    expect(december.value).toBe(
      invoices.filter((r) => r.InvoiceDate!.startsWith("2010-12")).length,
    );
  });

  it("Telco subscribers import as customers, contract as plan", async () => {
    const options = { workspaceId: "telco", timezone: "UTC" };
    await ensureWorkspace(db, options.workspaceId);
    const summary = await importFile(
      db,
      "customers",
      sharedData("telco/Telco-Customer-Churn.csv"),
      {
        ...options,
        map: { id: "customerID", gender: "gender", plan: "Contract", channel: "PaymentMethod" },
        set: { signup_at: "2020-01-01" },
      },
    );
    expect(summary).toMatchObject({ rows: 7_043, inserted: 7_043 });
    const rows = readCsv("telco/Telco-Customer-Churn.csv");
    const byPlan = await runMetricQuery(
      db,
      { metric: "active_customers", from: "2020-01-01", to: "2020-02-01", groupBy: "plan" },
      options,
    );
    expect(Object.fromEntries(byPlan.groups!.map((g) => [g.key, g.value]))).toEqual(
      tally(rows, "Contract"),
    );
    const byGender = await runMetricQuery(
      db,
      { metric: "active_customers", from: "2020-01-01", to: "2020-02-01", groupBy: "gender" },
      options,
    );
    const genders = tally(rows, "gender");
    expect(Object.fromEntries(byGender.groups!.map((g) => [g.key, g.value]))).toEqual({
      f: genders.Female,
      m: genders.Male,
    });
  });

  it("Telco with Churn=Yes and tenure mapped as of the export's date reads the file's churn", async () => {
    const options = { workspaceId: "telco-churn", timezone: "UTC" };
    await ensureWorkspace(db, options.workspaceId);
    await importFile(db, "customers", sharedData("telco/Telco-Customer-Churn.csv"), {
      ...options,
      map: { id: "customerID", gender: "gender", plan: "Contract", channel: "PaymentMethod" },
      derive: {
        asOf: "2026-01-01",
        churnedWhen: { column: "Churn", value: "Yes" },
        tenureMonths: "tenure",
      },
    });
    const rows = readCsv("telco/Telco-Customer-Churn.csv");
    const churned = rows.filter((r) => r.Churn === "Yes").length;
    // Customers with a tenure of 0 months sign up on the as-of date itself: not yet at the start.
    const atStart = rows.filter((r) => Number(r.tenure) > 0).length;
    expect([churned, atStart, rows.length]).toEqual([1_869, 7_032, 7_043]);
    const churn = await runMetricQuery(
      db,
      { metric: "churn_rate", from: "2026-01-01", to: "2026-02-01" },
      options,
    );
    expect(churn.measures).toEqual({ churned, customers_at_start: atStart });
    expect(churn.value).toBeCloseTo((100 * churned) / atStart, 9);
  });

  it("Online Retail invoices alone create their customers, signed up at their first invoice", async () => {
    const options = { workspaceId: "retail-orders-only", timezone: "UTC" };
    await ensureWorkspace(db, options.workspaceId);
    const invoices = readCsv("online-retail/invoices.csv");
    const summary = await importFile(db, "orders", sharedData("online-retail/invoices.csv"), {
      ...options,
      map: {
        id: "InvoiceNo",
        ordered_at: "InvoiceDate",
        customer_id: "CustomerID",
        amount: "TotalPrice",
      },
      createCustomers: true,
    });
    const customers = new Set(invoices.map((r) => r.CustomerID));
    expect(summary).toMatchObject({ inserted: 18_532, customersCreated: customers.size });
    const december = await runMetricQuery(
      db,
      { metric: "new_customers", from: "2010-12-01", to: "2011-01-01" },
      options,
    );
    const firstInvoice = new Map<string, string>();
    for (const r of invoices)
      if (!firstInvoice.has(r.CustomerID!) || r.InvoiceDate! < firstInvoice.get(r.CustomerID!)!)
        firstInvoice.set(r.CustomerID!, r.InvoiceDate!);
    expect(december.value).toBe(
      [...firstInvoice.values()].filter((d) => d.startsWith("2010-12")).length,
    );
  });

  it("Olist marketing-qualified leads import as deals with day-first dates", async () => {
    const options = { workspaceId: "olist", timezone: "UTC" };
    await ensureWorkspace(db, options.workspaceId);
    const summary = await importFile(
      db,
      "deals",
      sharedData("olist-funnel/olist_marketing_qualified_leads_dataset.csv"),
      {
        ...options,
        map: { id: "mql_id", created_at: "first_contact_date", source: "origin" },
        set: { stage: "lead" },
        dateFormat: "DD-MM-YYYY",
      },
    );
    expect(summary).toMatchObject({ rows: 8_000, inserted: 8_000 });
    const leads = readCsv("olist-funnel/olist_marketing_qualified_leads_dataset.csv");
    const result = await runMetricQuery(
      db,
      { metric: "pipeline_value", from: "2017-01-01", to: "2019-01-01", groupBy: "source" },
      options,
    );
    expect(result.groups!.map((g) => g.key).sort()).toEqual(
      Object.keys(tally(leads, "origin")).sort(),
    );
    const created2018 = await runMetricQuery(
      db,
      { metric: "conversion_rate", from: "2018-01-01", to: "2019-01-01" },
      options,
    );
    expect(created2018.measures.deals_created).toBe(
      leads.filter((r) => r.first_contact_date!.endsWith("2018")).length,
    );
  });
});
