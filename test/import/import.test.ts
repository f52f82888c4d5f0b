import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import iconv from "iconv-lite";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { ImportRejectedError, ImportUnreadableError } from "../../src/import/errors.js";
import { importDirectory } from "../../src/import/import-directory.js";
import { type ImportOptions, importFile } from "../../src/import/import-file.js";
import type { TableName } from "../../src/import/tables.js";
import { ensureWorkspace } from "../../src/workspace/workspace.js";
import { drivers } from "../support/databases.js";
import { handScorer, shopDir } from "../support/shop.js";

const dir = mkdtempSync(join(tmpdir(), "pulse-import-"));
const csv = (name: string, text: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe.each(drivers)("import on $name", (driver) => {
  let db: Database;
  let ws = 0;
  let options: ImportOptions;
  const count = async (table: string) =>
    Number(
      (
        await db.rows<{ n: number }>(
          sql`select count(*)::int as n from ${sql.identifier(table)} where workspace_id = ${options.workspaceId}`,
        )
      )[0]!.n,
    );

  beforeAll(async () => {
    db = await driver.open();
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    // A fresh workspace per test: same database, no interference.
    options = { workspaceId: `w${++ws}`, timezone: "UTC", sentiment: handScorer };
    await ensureWorkspace(db, options.workspaceId);
  });

  it("imports a folder of canonical files, customers first", async () => {
    const summaries = await importDirectory(db, shopDir, options);
    expect(summaries.map((s) => s.table)).toEqual([
      "customers",
      "orders",
      "deals",
      "marketing_spend",
      "survey_responses",
      "events",
    ]);
    expect(summaries.map((s) => s.inserted)).toEqual([7, 6, 6, 4, 9, 2]);
  });

  it("importing the same files twice changes nothing", async () => {
    await importDirectory(db, shopDir, options);
    const again = await importDirectory(db, shopDir, options);
    expect(again.every((s) => s.inserted === 0 && s.updated === 0)).toBe(true);
    expect(again.find((s) => s.table === "orders")!.unchanged).toBe(6);
    expect(await count("events")).toBe(2);
  });

  it("identical event rows are one event", async () => {
    await importDirectory(db, shopDir, options);
    expect(await count("events")).toBe(2); // the fixture repeats one web_visit row
  });

  it("a changed row is updated, counted as updated", async () => {
    await importFile(db, "customers", join(shopDir, "customers.csv"), options);
    const path = csv(
      "customers-changed.csv",
      readFileSync(join(shopDir, "customers.csv"), "utf8").replace("c1,Ann,basic", "c1,Ann,pro"),
    );
    const summary = await importFile(db, "customers", path, options);
    expect(summary).toMatchObject({ inserted: 0, updated: 1, unchanged: 6 });
  });

  it("columns with other names are mapped, and constants set", async () => {
    const path = csv(
      "shopify.csv",
      "Customer ID,Created At,Tier\nx1,2026-01-02,gold\nx2,2026-01-03,silver\n",
    );
    const summary = await importFile(db, "customers", path, {
      ...options,
      map: { id: "Customer ID", signup_at: "Created At", plan: "Tier" },
      set: { channel: "shopify" },
    });
    expect(summary.inserted).toBe(2);
    const rows = await db.rows<{ plan: string; channel: string }>(
      sql`select plan, channel from customers where workspace_id = ${options.workspaceId} order by id`,
    );
    expect(rows).toEqual([
      { plan: "gold", channel: "shopify" },
      { plan: "silver", channel: "shopify" },
    ]);
  });

  it("dates in another format are read with --date-format", async () => {
    const path = csv("eu.csv", "id,signup_at\ne1,31-12-2025\n");
    await importFile(db, "customers", path, { ...options, dateFormat: "DD-MM-YYYY" });
    const [row] = await db.rows<{ d: string }>(
      sql`select to_char(signup_at at time zone 'UTC', 'YYYY-MM-DD') as d from customers where workspace_id = ${options.workspaceId}`,
    );
    expect(row!.d).toBe("2025-12-31");
  });

  describe("bad input is rejected whole, naming file, line and column", () => {
    const rejects = async (table: TableName, name: string, text: string, message: RegExp) => {
      await importFile(db, "customers", join(shopDir, "customers.csv"), options);
      const before = await count(table);
      const error = await importFile(db, table, csv(name, text), options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportRejectedError);
      expect((error as Error).message).toMatch(message);
      expect(await count(table)).toBe(before);
    };

    it("an unparseable date", () =>
      rejects(
        "orders",
        "bad-date.csv",
        "id,customer_id,ordered_at,amount\nz1,c1,2026-10-02,5\nz2,c1,yesterday,5\n",
        /bad-date\.csv:3: ordered_at: "yesterday" is not a date/,
      ));
    it("an impossible date", () =>
      rejects(
        "orders",
        "feb30.csv",
        "id,customer_id,ordered_at,amount\nz1,c1,2026-02-30,5\n",
        /feb30\.csv:2: ordered_at: "2026-02-30" is not a real date/,
      ));
    it("a negative amount", () =>
      rejects(
        "orders",
        "negative.csv",
        "id,customer_id,ordered_at,amount\nz1,c1,2026-10-02,-5\n",
        /negative\.csv:2: amount: -5 is negative/,
      ));
    it("an amount that is not a number", () =>
      rejects(
        "orders",
        "nan.csv",
        "id,customer_id,ordered_at,amount\nz1,c1,2026-10-02,$5\n",
        /nan\.csv:2: amount: "\$5" is not a number/,
      ));
    it("an unknown customer id", () =>
      rejects(
        "orders",
        "ghost.csv",
        "id,customer_id,ordered_at,amount\nz1,c1,2026-10-02,5\nz2,ghost,2026-10-02,5\n",
        /ghost\.csv:3: customer_id: unknown customer "ghost"/,
      ));
    it("a score out of range for its kind", () =>
      rejects(
        "survey_responses",
        "score.csv",
        "customer_id,kind,score,responded_at\nc1,csat,7,2026-10-02\n",
        /score\.csv:2: score: 7 is out of range 1-5 for csat/,
      ));
    it("a missing required column", () =>
      rejects(
        "orders",
        "nocol.csv",
        "id,customer_id,amount\nz1,c1,5\n",
        /nocol\.csv:1: ordered_at: required column is missing/,
      ));
    it("an empty required cell", () =>
      rejects(
        "orders",
        "empty.csv",
        "id,customer_id,ordered_at,amount\nz1,,2026-10-02,5\n",
        /empty\.csv:2: customer_id: is empty/,
      ));
    it("a row with the wrong number of fields", () =>
      rejects(
        "orders",
        "short.csv",
        "id,customer_id,ordered_at,amount\nz1,c1,2026-10-02\n",
        /short\.csv:2: row: has 3 fields, the header has 4/,
      ));
    it("a repeated id", () =>
      rejects(
        "orders",
        "dup.csv",
        "id,customer_id,ordered_at,amount\nz1,c1,2026-10-02,5\nz1,c1,2026-10-03,6\n",
        /dup\.csv:3: id: duplicate of line 2/,
      ));
    it("a churn before the sign-up", () =>
      rejects(
        "customers",
        "time.csv",
        "id,signup_at,churned_at\nq1,2026-05-01,2026-04-01\n",
        /time\.csv:2: churned_at: is before signup_at/,
      ));

    it("rows written in earlier batches are rolled back when a later one fails", async () => {
      await importFile(db, "customers", join(shopDir, "customers.csv"), options);
      const rows = Array.from({ length: 9 }, (_, i) => `b${i},c1,2026-10-02,${i}`);
      rows.push("b9,ghost,2026-10-02,1");
      const error = await importFile(
        db,
        "orders",
        csv("late.csv", `id,customer_id,ordered_at,amount\n${rows.join("\n")}\n`),
        { ...options, batchSize: 2 },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportRejectedError);
      expect(await count("orders")).toBe(0);
    });
  });

  describe("files as real exports write them", () => {
    const header = "id,name,signup_at\n";
    const names = async () =>
      (
        await db.rows<{ name: string }>(
          sql`select name from customers where workspace_id = ${options.workspaceId} order by id`,
        )
      ).map((r) => r.name);
    const umlauts = `${header}k1,Jürgen Müller,2026-01-05\nk2,Zoë Ångström,2026-01-06\n`;

    it("reads UTF-8 with a byte-order mark", async () => {
      await importFile(db, "customers", csv("bom.csv", `\ufeff${umlauts}`), options);
      expect(await names()).toEqual(["Jürgen Müller", "Zoë Ångström"]);
    });

    it("reads UTF-16 LE and BE with a byte-order mark", async () => {
      const le = await importFile(
        db,
        "customers",
        csv("le.csv", iconv.encode(umlauts, "utf-16le", { addBOM: true })),
        options,
      );
      expect(le.format.encoding).toBe("utf-16le");
      expect(await names()).toEqual(["Jürgen Müller", "Zoë Ångström"]);
      const be = await importFile(
        db,
        "customers",
        csv(
          "be.csv",
          iconv.encode(umlauts.replace("Jürgen", "Jörg"), "utf-16be", { addBOM: true }),
        ),
        options,
      );
      expect(be.format.encoding).toBe("utf-16be");
      expect(await names()).toEqual(["Jörg Müller", "Zoë Ångström"]);
    });

    it("reads a file that is not valid UTF-8 as Windows-1252, and says so", async () => {
      const summary = await importFile(
        db,
        "customers",
        csv("latin1.csv", iconv.encode(`${umlauts}k3,Café “Olé” €,2026-01-07\n`, "windows-1252")),
        options,
      );
      expect(summary.format).toMatchObject({ encoding: "windows-1252", encodingSource: "content" });
      expect(await names()).toEqual(["Jürgen Müller", "Zoë Ångström", "Café “Olé” €"]);
    });

    it("asks for --encoding when the bytes are neither UTF-8 nor Windows-1252", async () => {
      const path = csv(
        "cyrillic.csv",
        iconv.encode(`${header}k1,Иван Петров,2026-01-05\n`, "cp1251"),
      );
      const error = await importFile(db, "customers", path, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportUnreadableError);
      expect((error as Error).message).toMatch(/^cyrillic\.csv:2: .*--encoding/);
      await importFile(db, "customers", path, { ...options, encoding: "cp1251" });
      expect(await names()).toEqual(["Иван Петров"]);
    });

    it("refuses a binary file in one line", async () => {
      const png = Buffer.from(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489",
        "hex",
      );
      const error = await importFile(db, "customers", csv("photo.png", png), options).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImportUnreadableError);
      expect((error as Error).message).toBe(
        "photo.png:1: this is binary data, not CSV text: export or save the data as CSV first",
      );
      const xlsx = Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(40, 7)]);
      const workbook = await importFile(db, "customers", csv("book.xlsx", xlsx), options).catch(
        (e: unknown) => e,
      );
      expect((workbook as Error).message).toMatch(
        /^book\.xlsx:1: this is a ZIP archive \(an Excel/,
      );
      expect(await count("customers")).toBe(0);
    });

    it("sniffs a semicolon or tab delimiter from the header", async () => {
      const semicolons = await importFile(
        db,
        "customers",
        csv("semi.csv", "id;name;signup_at\ns1;Anna, Berg;2026-01-05\n"),
        options,
      );
      expect(semicolons.format.delimiter).toBe(";");
      const tabs = await importFile(
        db,
        "customers",
        csv("tabs.tsv", "id\tname\tsignup_at\nt1\tBo; Ek\t2026-01-05\n"),
        options,
      );
      expect(tabs.format.delimiter).toBe("\t");
      expect(await names()).toEqual(["Anna, Berg", "Bo; Ek"]);
    });

    it("takes the delimiter given with --delimiter", async () => {
      await importFile(
        db,
        "customers",
        csv("pipes.csv", "id|name|signup_at\np1|Pia|2026-01-05\n"),
        {
          ...options,
          delimiter: "pipe",
        },
      );
      expect(await names()).toEqual(["Pia"]);
    });

    const unreadable = async (name: string, text: string, message: string) => {
      await importFile(db, "customers", join(shopDir, "customers.csv"), options);
      const error = await importFile(db, "orders", csv(name, text), options).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImportUnreadableError);
      expect((error as Error).message).toBe(message);
      expect(await count("orders")).toBe(0);
    };
    const orders = "id,customer_id,ordered_at,amount,category\n";

    it("a stray quote inside a field is file:line: problem", () =>
      unreadable(
        "stray.csv",
        `${orders}q0,c1,2025-01-01,10,ok\nq1,c1,2025-01-01,10,5" screen\n`,
        'stray.csv:3: a quote (") inside field 5 (category), which does not start with one: quote the whole field and double the quote inside it, like "5"" screen"',
      ));
    it("a quote never closed names the line it opens on", () =>
      unreadable(
        "open.csv",
        `${orders}q0,c1,2025-01-01,10,ok\nq1,"c1,2025-01-01,10,x\nq2,c1,2025-01-01,10,y\n`,
        'open.csv:3: a quoted field that starts on this line is never closed (a missing ")',
      ));
    it("text after a closing quote is file:line: problem", () =>
      unreadable(
        "closing.csv",
        `${orders}q1,"c1"x,2025-01-01,10,ok\n`,
        'closing.csv:2: text after the closing quote of field 2 (customer_id): a quote inside a quoted field is written twice ("")',
      ));
  });

  it("--skip-invalid imports the good rows and writes the bad ones with a reason", async () => {
    await importFile(db, "customers", join(shopDir, "customers.csv"), options);
    const path = csv(
      "mixed.csv",
      "id,customer_id,ordered_at,amount\nm1,c1,2026-10-02,5\nm2,c1,soon,5\nm3,ghost,2026-10-02,5\nm4,c2,2026-10-03,7\n",
    );
    const summary = await importFile(db, "orders", path, { ...options, skipInvalid: true });
    expect(summary).toMatchObject({
      rows: 4,
      inserted: 2,
      rejected: 2,
      rejectedFile: `${path}.rejected.csv`,
    });
    const rejected = readFileSync(`${path}.rejected.csv`, "utf8").trim().split("\n");
    expect(rejected[0]).toBe("id,customer_id,ordered_at,amount,reason");
    expect(rejected[1]).toMatch(/^m2,c1,soon,5,"?ordered_at: /);
    expect(rejected[2]).toMatch(/^m3,ghost,2026-10-02,5,"customer_id: unknown customer ""ghost""/);
  });
});
