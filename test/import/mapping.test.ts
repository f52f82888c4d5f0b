/**
 * Mapping real exports onto the canonical tables: columns derived as of the
 * export's date (a Telco-like churn file), and customers created from an
 * orders-only export. Every expected number is counted by hand in the comments.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { ImportRejectedError } from "../../src/import/errors.js";
import { type ImportOptions, importFile } from "../../src/import/import-file.js";
import { importWarnings } from "../../src/import/warnings.js";
import { runMetricQuery } from "../../src/metrics/query.js";
import { ensureWorkspace, updateWorkspace } from "../../src/workspace/workspace.js";
import { drivers } from "../support/databases.js";

const dir = mkdtempSync(join(tmpdir(), "pulse-mapping-"));
const csv = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/**
 * As of 2026-01-01, sign-ups at as-of minus tenure months:
 * t1 2025-12-01, t2 2025-01-01, t3 2026-01-01, t4 2020-01-01, t5 2025-10-01, t6 2024-01-01;
 * t1, t5 and t6 churned (churned_at 2026-01-01).
 */
const telco = `customerID,gender,tenure,Contract,Churn
t1,Female,1,Month-to-month,Yes
t2,Male,12,One year,No
t3,Female,0,Month-to-month,No
t4,Male,72,Two year,No
t5,Female,3,Month-to-month,yes
t6,Male,24,Month-to-month,Yes
`;
const telcoMapping = {
  map: { id: "customerID", gender: "gender", plan: "Contract" },
  derive: {
    asOf: "2026-01-01",
    churnedWhen: { column: "Churn", value: "Yes" },
    tenureMonths: "tenure",
  },
};

describe.each(drivers)("mapping real files on $name", (driver) => {
  let db: Database;
  let ws = 0;
  let options: ImportOptions;
  beforeAll(async () => {
    db = await driver.open();
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    options = { workspaceId: `m${++ws}`, timezone: "UTC" };
    await ensureWorkspace(db, options.workspaceId);
  });
  const query = (
    metric: Parameters<typeof runMetricQuery>[1]["metric"],
    from: string,
    to: string,
  ) => runMetricQuery(db, { metric, from, to }, options);
  const dates = async (column: "signup_at" | "churned_at") =>
    Object.fromEntries(
      (
        await db.rows<{ id: string; d: string | null }>(
          sql`select id, to_char(${sql.identifier(column)} at time zone 'UTC', 'YYYY-MM-DD') as d
              from customers where workspace_id = ${options.workspaceId} order by id`,
        )
      ).map((r) => [r.id, r.d]),
    );

  describe("churned_at from a yes/no column and signup_at from a tenure, as of the export's date", () => {
    it("derives the dates row by row", async () => {
      await importFile(db, "customers", csv("telco.csv", telco), { ...options, ...telcoMapping });
      expect(await dates("signup_at")).toEqual({
        t1: "2025-12-01",
        t2: "2025-01-01",
        t3: "2026-01-01",
        t4: "2020-01-01",
        t5: "2025-10-01",
        t6: "2024-01-01",
      });
      expect(await dates("churned_at")).toEqual({
        t1: "2026-01-01",
        t2: null,
        t3: null,
        t4: null,
        t5: "2026-01-01",
        t6: "2026-01-01",
      });
    });

    it("gives the file's churn: 3 of the 5 customers signed up before the as-of date", async () => {
      await importFile(db, "customers", csv("telco.csv", telco), { ...options, ...telcoMapping });
      const churn = await query("churn_rate", "2026-01-01", "2026-02-01");
      expect(churn.measures).toMatchObject({ churned: 3, customers_at_start: 5 });
      expect(churn.value).toBe(60);
      // t2, t3, t4 remain; t3 is January's one sign-up: (3 - 1) / 5.
      expect((await query("retention_rate", "2026-01-01", "2026-02-01")).value).toBe(40);
    });

    it("a tenure that is not a whole number of months is a problem on its line", async () => {
      const error = await importFile(
        db,
        "customers",
        csv("tenure.csv", "customerID,tenure,Churn\nt1,1,No\nt2,soon,No\n"),
        { ...options, ...telcoMapping, map: { id: "customerID" } },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportRejectedError);
      expect((error as Error).message).toContain(
        'tenure.csv:3: tenure: "soon" is not a whole number of months (--tenure-months)',
      );
    });

    it("a source column missing from the header is a problem on line 1", async () => {
      const error = await importFile(
        db,
        "customers",
        csv("nochurn.csv", "customerID,tenure\nt1,1\n"),
        { ...options, ...telcoMapping, map: { id: "customerID" } },
      ).catch((e: unknown) => e);
      expect((error as Error).message).toContain(
        'nochurn.csv:1: churned_at: --churned-when names "Churn", which is not in the header',
      );
    });
  });

  describe("after an import, inputs that make a metric meaningless are named", () => {
    it("no churned_at and no window: churn will read 0%", async () => {
      await importFile(db, "customers", csv("telco.csv", telco), {
        ...options,
        map: { id: "customerID" },
        derive: { asOf: "2026-01-01", tenureMonths: "tenure" },
      });
      expect(await importWarnings(db, options.workspaceId)).toEqual([
        "no customer has churned_at and no inactivity window is set: churn will read 0% (import churn dates, derive them with --churned-when, or set a window: pulse workspace set --churn-after-days 90)",
      ]);
    });

    it("nothing to say once churn is derived", async () => {
      await importFile(db, "customers", csv("telco.csv", telco), { ...options, ...telcoMapping });
      expect(await importWarnings(db, options.workspaceId)).toEqual([]);
    });

    it("one sign-up date for everyone, and a window without orders", async () => {
      await updateWorkspace(db, options.workspaceId, { churnAfterDays: 90 });
      await importFile(db, "customers", csv("telco.csv", telco), {
        ...options,
        map: { id: "customerID" },
        set: { signup_at: "2020-01-01" },
      });
      expect(await importWarnings(db, options.workspaceId)).toEqual([
        "the inactivity window (90 days) counts from orders and there are none: every customer without churned_at churns 90 days after signing up",
        "every customer signed up on 2020-01-01: new customers and retention say nothing (map a sign-up date, or derive one with --tenure-months)",
      ]);
    });
  });

  describe("--create-customers: an orders-only export creates the customers it names", () => {
    // Read in batches of two, so s1's first order (o3) comes in a later batch than its second.
    const orders = `id,customer_id,ordered_at,amount
o1,s1,2026-03-05,10
o2,s2,2026-03-01,20
o3,s1,2026-02-10,5
o4,s3,2026-04-01,7
o5,c9,2024-06-01,1
`;
    const existing = () =>
      importFile(db, "customers", csv("c9.csv", "id,signup_at\nc9,2025-01-01\n"), options);

    it("signs each new customer up at their first order and leaves existing ones alone", async () => {
      await existing();
      const summary = await importFile(db, "orders", csv("orders.csv", orders), {
        ...options,
        createCustomers: true,
        batchSize: 2,
      });
      expect(summary).toMatchObject({ inserted: 5, customersCreated: 3 });
      expect(await dates("signup_at")).toEqual({
        c9: "2025-01-01",
        s1: "2026-02-10",
        s2: "2026-03-01",
        s3: "2026-04-01",
      });
      expect((await query("new_customers", "2026-02-01", "2026-05-01")).value).toBe(3);
    });

    it("importing the file again creates nobody", async () => {
      await existing();
      const opts = { ...options, createCustomers: true, batchSize: 2 };
      await importFile(db, "orders", csv("orders.csv", orders), opts);
      const again = await importFile(db, "orders", csv("orders.csv", orders), opts);
      expect(again).toMatchObject({ inserted: 0, customersCreated: 0 });
    });

    it("without it, unknown customers are still rejected", async () => {
      const error = await importFile(db, "orders", csv("orders.csv", orders), options).catch(
        (e: unknown) => e,
      );
      expect((error as Error).message).toContain(
        'orders.csv:2: customer_id: unknown customer "s1"',
      );
    });
  });
});
