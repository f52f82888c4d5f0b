/**
 * `pulse import FILE` as a user runs it on a vendor's export: a real process
 * on an embedded database, no table and no mapping.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshDir, hasNoStack, runPulse } from "../support/pulse-process.js";

const fixture = (name: string) => new URL(`../fixtures/exports/${name}`, import.meta.url).pathname;

describe("pulse import FILE", () => {
  it("says what it recognised and how it reads it, then imports with Stripe's meaning", async () => {
    const dir = freshDir();
    const pulse = (...args: string[]) => runPulse(args, { LOG_LEVEL: "warn" }, dir);
    expect(
      (await pulse("workspace", "set", "--timezone", "Europe/Helsinki", "--currency", "EUR")).code,
    ).toBe(0);
    const imported = await pulse("import", fixture("stripe-payments.csv"));
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(
      "stripe-payments.csv: a Stripe payments export, imported into orders\n" +
        "  - Created (UTC) is UTC\n" +
        "  - failed, canceled and uncaptured charges are no orders\n",
    );
    expect(imported.stdout).toContain("  - skipped: 1 failed charges (no money taken)\n");
    expect(imported.stdout).toMatch(
      /orders: 8 rows in [\d.]+ s — 6 inserted, .*; 4 customers created/,
    );
    // 22:30 UTC on 30 November is December in Helsinki: 200 + 1234.50.
    const query = await pulse(
      "query",
      "revenue",
      "--from",
      "2025-12-01",
      "--to",
      "2026-01-01",
      "--json",
    );
    expect(JSON.parse(query.stdout).answer.value).toBeCloseTo(1434.5, 10);
  });

  it("--skip-invalid with every row rejected ends with exit code 1, naming the rejected file", async () => {
    const dir = freshDir();
    const file = join(dir, "orders.csv");
    writeFileSync(
      file,
      "id,customer_id,ordered_at,amount\no1,nobody,2026-10-01,5\no2,nobody,2026-10-02,6\n",
    );
    const result = await runPulse(
      ["import", "orders", file, "--skip-invalid"],
      { LOG_LEVEL: "warn" },
      dir,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `orders.csv: nothing was imported, every one of its 2 row(s) was rejected (the reasons are in ${file}.rejected.csv)`,
    );
    expect(hasNoStack(result.stderr)).toBe(true);
  });
});
