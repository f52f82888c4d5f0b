/**
 * `npx pulse serve` is two processes: npx, and node running Pulse. A
 * SIGTERM that ends npx without reaching its child must not leave Pulse
 * running with nobody to stop it: the orphan notices and stops by itself.
 * A real process tree against the fake Bot API (npm test builds first).
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startFakeTelegram } from "../fakes/telegram-api.js";
import { freePort } from "../support/slack-requests.js";

const bin = new URL("../../bin/pulse.js", import.meta.url).pathname;

/** A parent like npx on SIGTERM: it exits and does not pass the signal on. */
const parentScript = `
const { spawn } = require("node:child_process");
const child = spawn(process.execPath, [process.argv[1], "serve"], { stdio: ["ignore", "inherit", "inherit"] });
console.log(JSON.stringify({ child: child.pid }));
process.on("SIGTERM", () => process.exit(0));
setInterval(() => {}, 1000);
`;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("pulse serve under a parent that dies", { timeout: 180_000 }, () => {
  it("stops by itself when its parent (npx) is ended by SIGTERM without passing it on", async () => {
    const telegram = await startFakeTelegram("123:test");
    const cwd = mkdtempSync(join(tmpdir(), "pulse-parent-"));
    const parent = spawn(process.execPath, ["-e", parentScript, bin], {
      cwd,
      env: {
        PATH: process.env.PATH ?? "",
        PULSE_DATA_DIR: join(cwd, ".pulse"),
        TELEGRAM_BOT_TOKEN: "123:test",
        TELEGRAM_API_ROOT: telegram.apiRoot,
        PORT: String(await freePort()),
        PULSE_INGEST_PORT: String(await freePort()),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    // The pid on stdout, Pulse's log (JSON lines) on stderr.
    for (const stream of [parent.stdout, parent.stderr])
      stream.on("data", (d) => {
        out += d;
      });
    const until = async (what: () => boolean, ms: number) => {
      const started = Date.now();
      while (!what()) {
        if (Date.now() - started > ms) throw new Error(`timed out; output:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    let child = 0;
    try {
      await until(() => /"child":\d+/.test(out), 10_000);
      child = Number(/"child":(\d+)/.exec(out)![1]);
      // Every adapter has started: the last one says so.
      await until(() => out.includes("weekly churn model retraining started"), 120_000);
      parent.kill("SIGTERM");
      await until(() => !alive(child), 20_000);
      expect(out).toContain("parent exited");
    } finally {
      if (child && alive(child)) process.kill(child, "SIGKILL");
      parent.kill("SIGKILL");
      await telegram.close();
    }
  });
});
