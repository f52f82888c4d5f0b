/**
 * The Stripe sync against the local fake Stripe API, 100,000 charges
 * (SYNC_BENCH_CHARGES scales it), beside the same rows imported from a CSV
 * file: rows per second and peak memory, each in a process of its own on a
 * new embedded database, so neither inherits the other's heap.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "csv-stringify/sync";
import { openDatabase } from "../db/client.js";
import { importFile } from "../src/import/import-file.js";
import { runSync } from "../src/sync/run-sync.js";
import { stripeSource } from "../src/sync/stripe.js";
import { ensureWorkspace } from "../src/workspace/workspace.js";
import { type FakeCharge, startFakeStripe } from "../test/fakes/stripe-api.js";
import { heading, row } from "./stats.js";

const charges = Number(process.env.SYNC_BENCH_CHARGES ?? 100_000);
const key = "sk_test_bench";
const t0 = Date.UTC(2025, 0, 1) / 1000;

const chargeOf = (n: number): FakeCharge => ({
  id: `ch_${n}`,
  created: t0 + n * 60,
  amount: 1_000 + (n % 9_000),
  amount_refunded: n % 50 === 0 ? 500 : 0,
  currency: "usd",
  customer: `cus_${n % 10_000}`,
  status: n % 40 === 0 ? "failed" : "succeeded",
  billing_details: { email: null },
});

interface Figure {
  rows: number;
  seconds: number;
  peakMb: number;
}

async function measure(mode: "sync" | "csv"): Promise<Figure> {
  const db = await openDatabase({
    mode: "embedded",
    dataDir: mkdtempSync(join(tmpdir(), "pulse-bench-")),
  });
  await ensureWorkspace(db, "bench");
  const all = Array.from({ length: charges }, (_, i) => chargeOf(i + 1));
  const started = performance.now();
  let rows = 0;
  if (mode === "sync") {
    const stripe = await startFakeStripe(key);
    stripe.charges.push(...all);
    const summary = await runSync(
      db,
      "bench",
      stripeSource({ apiKey: key, apiUrl: stripe.apiUrl }),
    );
    rows = summary.tables.orders?.inserted ?? 0;
    await stripe.close();
  } else {
    const file = join(mkdtempSync(join(tmpdir(), "pulse-bench-")), "orders.csv");
    const sold = all.filter((c) => c.status === "succeeded");
    writeFileSync(
      file,
      stringify([
        ["id", "customer_id", "ordered_at", "amount", "refunded"],
        ...sold.map((c) => [
          c.id,
          c.customer,
          new Date(c.created * 1000).toISOString(),
          c.amount / 100,
          c.amount_refunded / 100,
        ]),
      ]),
    );
    const summary = await importFile(db, "orders", file, {
      workspaceId: "bench",
      timezone: "UTC",
      createCustomers: true,
    });
    rows = summary.inserted;
  }
  const seconds = (performance.now() - started) / 1000;
  await db.close();
  return { rows, seconds, peakMb: process.resourceUsage().maxRSS / 1024 };
}

function inChild(mode: "sync" | "csv"): Promise<Figure> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), mode], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out) as Figure)
        : reject(new Error(`bench sync ${mode} exited ${code}`)),
    );
  });
}

export async function benchSync(): Promise<void> {
  heading(
    `Stripe sync of ${charges.toLocaleString("en-US")} charges from the fake API, beside the same orders from CSV`,
  );
  const sync = await inChild("sync");
  const csv = await inChild("csv");
  for (const [name, f] of [
    ["sync", sync],
    ["csv import", csv],
  ] as const)
    row(
      name.padEnd(10),
      `${f.rows.toLocaleString("en-US")} orders in ${f.seconds.toFixed(1)} s`,
      `${Math.round(f.rows / f.seconds).toLocaleString("en-US")} rows/s`,
      `peak ${f.peakMb.toFixed(0)} MB`,
    );
  row(
    "sync/csv",
    `time ${(sync.seconds / csv.seconds).toFixed(2)}x`,
    `peak memory ${(sync.peakMb / csv.peakMb).toFixed(2)}x`,
  );
}

const mode = process.argv[2];
if (mode === "sync" || mode === "csv") process.stdout.write(JSON.stringify(await measure(mode)));
else if (fileURLToPath(import.meta.url) === process.argv[1]) await benchSync();
