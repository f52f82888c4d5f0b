/**
 * One owner per data folder: real `pulse` processes on one PULSE_DATA_DIR.
 * The first to open it serves it; the others write through it, so no row is
 * lost, and a killed owner's folder is taken over. Uses the compiled CLI
 * (npm test builds first).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { openDatabase, sql } from "../../db/client.js";
import { folderOwnerPid } from "../../db/folder/folder-lock.js";
import { runPulse } from "../support/pulse-process.js";
import { shopDir } from "../support/shop.js";

const bin = new URL("../../bin/pulse.js", import.meta.url).pathname;

const envFor = (dataDir: string) => ({
  ...process.env,
  PULSE_DATA_DIR: dataDir,
  DATABASE_URL: "",
  LOG_LEVEL: "warn",
});

/** Runs `pulse args` to the end. */
const pulse = (args: string[], dataDir: string) =>
  runPulse(args, envFor(dataDir) as Record<string, string>);

/** A long-running Pulse (the terminal chat, its input kept open) that owns the folder once it has opened it. */
async function startOwner(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [bin, "chat"], { env: envFor(dataDir) });
  for (let i = 0; i < 1200 && folderOwnerPid(dataDir) !== child.pid; i++) await sleep(50);
  expect(folderOwnerPid(dataDir)).toBe(child.pid);
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once("exit", () => done());
  });

/** An orders file of `count` orders of the shop's customer c1, ids prefixed so files never overlap. */
function ordersFile(dir: string, prefix: string, count: number): string {
  const lines = ["id,customer_id,ordered_at,amount"];
  for (let i = 0; i < count; i++)
    lines.push(`${prefix}${i},c1,2026-10-0${1 + (i % 9)},${i + 1}.00`);
  const path = join(dir, `${prefix}.csv`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

async function orderCount(dataDir: string): Promise<number> {
  const db = await openDatabase({ mode: "embedded", dataDir });
  try {
    const [row] = await db.rows<{ n: number }>(sql`select count(*)::int as n from orders`);
    return row?.n ?? -1;
  } finally {
    await db.close();
  }
}

const freshDir = () => mkdtempSync(join(tmpdir(), "pulse-folder-"));
/** The shop's own orders, imported first by every test. */
const SHOP_ORDERS = 6;

// Each test starts five or six Pulse processes: slow on a busy two-core machine.
describe("one owner per data folder", { timeout: 240_000 }, () => {
  it("keeps every row imported from a second process while the owner runs, during and after", async () => {
    const dir = freshDir();
    expect((await pulse(["import", "--dir", shopDir], dir)).code).toBe(0);
    const owner = await startOwner(dir);
    const imported = await pulse(["import", "orders", ordersFile(dir, "x", 200)], dir);
    expect(imported.stderr).toBe("");
    expect(imported.stdout).toMatch(/200 inserted/);
    expect(await orderCount(dir)).toBe(SHOP_ORDERS + 200);
    owner.stdin?.end();
    await exited(owner);
    expect(owner.exitCode).toBe(0);
    expect(await orderCount(dir)).toBe(SHOP_ORDERS + 200);
  });

  it("keeps both files when two imports run at once", async () => {
    const dir = freshDir();
    expect((await pulse(["import", "--dir", shopDir], dir)).code).toBe(0);
    const [a, b] = await Promise.all([
      pulse(["import", "orders", ordersFile(dir, "a", 300)], dir),
      pulse(["import", "orders", ordersFile(dir, "b", 300)], dir),
    ]);
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, "", ""]);
    expect(await orderCount(dir)).toBe(SHOP_ORDERS + 600);
  });

  it("takes over the folder of a SIGKILLed owner with every committed row intact", async () => {
    const dir = freshDir();
    expect((await pulse(["import", "--dir", shopDir], dir)).code).toBe(0);
    const owner = await startOwner(dir);
    expect((await pulse(["import", "orders", ordersFile(dir, "k", 100)], dir)).code).toBe(0);
    owner.kill("SIGKILL");
    await exited(owner);
    const after = await pulse(["import", "orders", ordersFile(dir, "n", 50)], dir);
    expect(after.stderr).toBe("");
    expect(after.code).toBe(0);
    expect(await orderCount(dir)).toBe(SHOP_ORDERS + 150);
  });
});
