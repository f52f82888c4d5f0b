/**
 * The embedded data folder as real `pulse` processes find it: owner-only,
 * and when it is not usable (a file, read-only, damaged, half-deleted) one
 * line naming PULSE_DATA_DIR and what is wrong, never a stack trace.
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { freshDir, hasNoStack, runPulse } from "../support/pulse-process.js";

const query = ["query", "revenue", "--from", "2026-01-01", "--to", "2026-02-01"];
const inFolder = (dataDir: string, args = query) =>
  runPulse(args, { PULSE_DATA_DIR: dataDir, LOG_LEVEL: "warn" });

/** Every file and folder under `dir` whose mode lets anyone but its owner in. */
const readableByOthers = (dir: string) =>
  [dir, ...readdirSync(dir, { recursive: true, encoding: "utf8" }).map((p) => join(dir, p))]
    .filter((p) => !statSync(p).isSocket() && (statSync(p).mode & 0o077) !== 0)
    .map((p) => `${p} ${(statSync(p).mode & 0o777).toString(8)}`);

/** Mounting needs root (CI containers may refuse it too): tests that need a mount run where it works. */
function mount(args: string[]): boolean {
  return spawnSync("mount", args, { stdio: "ignore" }).status === 0;
}
const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  const probe = freshDir();
  if (!mount(["-t", "tmpfs", "-o", "size=1m", "tmpfs", probe])) return false;
  spawnSync("umount", [probe]);
  return true;
})();

describe("the embedded data folder", { timeout: 180_000 }, () => {
  /** A folder made by a real Pulse, copied for each test that spoils it. */
  let made: string;
  const copyOfMade = () => {
    const dir = join(freshDir(), "data");
    cpSync(made, dir, { recursive: true });
    return dir;
  };

  beforeAll(async () => {
    made = join(freshDir(), "data");
    const run = await inFolder(made);
    expect(run.code, run.stderr).toBe(0);
  });

  it("is created owner-only: folders 0700, files 0600", () => {
    expect(readableByOthers(made)).toEqual([]);
  });

  it("one others could read is made owner-only at start, saying so", async () => {
    const dir = copyOfMade();
    chmodSync(dir, 0o755);
    chmodSync(join(dir, "base"), 0o755);
    chmodSync(join(dir, "PG_VERSION"), 0o666);
    chmodSync(join(dir, "global", "pg_control"), 0o644);
    const run = await inFolder(dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      `PULSE_DATA_DIR ${dir}: 4 files and folders could be read by other users of this machine; made them owner-only`,
    );
    expect(readableByOthers(dir)).toEqual([]);
  });

  it("a file where the folder should be: one line naming PULSE_DATA_DIR", async () => {
    const file = join(freshDir(), "data");
    writeFileSync(file, "not a folder");
    const run = await inFolder(file);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `pulse: PULSE_DATA_DIR ${file} is a file, not a folder; point PULSE_DATA_DIR at a folder`,
    );
  });

  it("a half-deleted folder: one line naming PULSE_DATA_DIR and what is wrong, no stack trace", async () => {
    const dir = copyOfMade();
    rmSync(join(dir, "base"), { recursive: true });
    const run = await inFolder(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `pulse: PULSE_DATA_DIR ${dir} holds a database that cannot be opened: it is damaged or partly deleted`,
    );
    expect(hasNoStack(run.stderr), run.stderr).toBe(true);
  });

  it("a corrupted folder: one line naming PULSE_DATA_DIR and what is wrong, no stack trace", async () => {
    const dir = copyOfMade();
    writeFileSync(join(dir, "global", "pg_control"), Buffer.alloc(100, 7));
    const run = await inFolder(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `pulse: PULSE_DATA_DIR ${dir} holds a database that cannot be opened`,
    );
    expect(hasNoStack(run.stderr), run.stderr).toBe(true);
  });

  it.runIf(canMount)("a read-only folder: one line naming PULSE_DATA_DIR", async () => {
    const dir = copyOfMade();
    const readOnly = join(freshDir(), "ro");
    mkdirSync(readOnly);
    expect(mount(["--bind", "-o", "ro", dir, readOnly])).toBe(true);
    try {
      mount(["-o", "remount,ro,bind", readOnly]);
      const run = await inFolder(readOnly);
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(
        `pulse: PULSE_DATA_DIR ${readOnly} is on a read-only file system; point PULSE_DATA_DIR at a writable folder`,
      );
    } finally {
      spawnSync("umount", [readOnly]);
    }
  });

  it.runIf(canMount)(
    "a disk that fills up during an import: one line saying disk full at the folder, no row data, exit 1",
    async () => {
      const disk = join(freshDir(), "disk");
      mkdirSync(disk);
      // Room for the folder and 3 MB more; 30,000 customers need more than that.
      const size = Math.ceil(du(made) / 2 ** 20) + 3;
      expect(mount(["-t", "tmpfs", "-o", `size=${size}m`, "tmpfs", disk])).toBe(true);
      try {
        const dir = join(disk, "data");
        cpSync(made, dir, { recursive: true });
        const file = join(freshDir(), "customers.csv");
        const rows = ["id,name,email,signup_at"];
        for (let i = 0; i < 30_000; i++)
          rows.push(`c${i},Aino Virtanen ${i},aino${i}@example.com,2026-01-05`);
        writeFileSync(file, `${rows.join("\n")}\n`);
        const run = await inFolder(dir, ["import", "customers", file]);
        expect(run.code).toBe(1);
        expect(run.stderr.trim()).toBe(
          `pulse: disk full at ${dir} (PULSE_DATA_DIR): nothing of this operation was kept; free some space there and run it again`,
        );
      } finally {
        spawnSync("umount", [disk]);
      }
    },
  );
});

/** Bytes of the files under `dir`. */
const du = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((p) => statSync(join(dir, p)))
    .reduce((sum, s) => sum + (s.isFile() ? s.size : 0), 0);
