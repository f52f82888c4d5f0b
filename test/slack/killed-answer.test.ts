/**
 * A `pulse serve` SIGKILLed while it answers a mention: Slack resends the
 * event, and the resend that comes after the dead process's claim lapsed is
 * answered by another process. A real `pulse serve` (the compiled CLI; npm
 * test builds first) on a data folder this test owns, against the fake Slack
 * Web API; the other process is this test's own Bolt app on that folder.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createSlackApp, slackIdentity } from "../../bots/slack/app.js";
import { createConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { openPulse } from "../../src/open-pulse.js";
import type { Pulse } from "../../src/pulse.js";
import { startFakeSlack } from "../fakes/slack-api.js";
import { loadShop } from "../support/shop.js";
import { signingSecret } from "../support/slack-harness.js";
import { freePort, postToSlack } from "../support/slack-requests.js";

const bin = new URL("../../bin/pulse.js", import.meta.url).pathname;

const mentionEvent = JSON.stringify({
  type: "event_callback",
  team_id: "T1",
  api_app_id: "A1",
  event_id: "EvKilled",
  event_time: 1,
  event: {
    type: "app_mention",
    user: "U1",
    text: "<@UPULSE> orders last month",
    ts: "800.1",
    channel: "C1",
  },
});

/** Resolves once `child`'s output contains `line`; fails with the output when it exits first. */
function outputLine(child: ChildProcess, output: () => string, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!output().includes(line)) return;
      child.stderr!.off("data", check);
      resolve();
    };
    child.stderr!.on("data", check);
    child.once("exit", () => reject(new Error(`pulse serve exited:\n${output()}`)));
    check();
  });
}

describe("a pulse serve killed mid-answer", { timeout: 180_000 }, () => {
  const cleanup: (() => Promise<unknown> | unknown)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it("leaves the mention to Slack's next resend, which another process answers", async () => {
    const fake = await startFakeSlack();
    cleanup.push(() => fake.close());
    const dataDir = join(mkdtempSync(join(tmpdir(), "pulse-killed-")), ".pulse");
    const env = {
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: fake.apiUrl,
      PULSE_WORKSPACE: "shop",
      PULSE_DATA_DIR: dataDir,
    };
    // This test owns the folder; the served process reaches it through the owner, so killing it loses no data.
    const ownPort = await freePort();
    const pulse: Pulse = await openPulse(createConfig({ ...env, PORT: String(ownPort) }), {
      logger: createLogger("silent"),
      charts: false,
    });
    cleanup.push(() => pulse.close());
    await loadShop(pulse.db);

    const servedPort = await freePort();
    const served = spawn(process.execPath, [bin, "serve"], {
      env: {
        PATH: process.env.PATH ?? "",
        ...env,
        PORT: String(servedPort),
        PULSE_INGEST_PORT: String(await freePort()),
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    cleanup.push(() => served.kill("SIGKILL"));
    let output = "";
    served.stderr.on("data", (d) => {
      output += d;
    });
    await outputLine(served, () => output, "slack started");

    // Slack stops answering the post: the served process is mid-answer when it is killed.
    fake.failNext("chat.postMessage", { hold: true });
    const ack = await postToSlack(servedPort, signingSecret, mentionEvent, {
      contentType: "application/json",
    });
    expect(ack.status).toBe(200);
    await fake.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"), 60_000);
    const killed = new Promise((resolve) => served.once("exit", resolve));
    served.kill("SIGKILL");
    await killed;

    const other = createSlackApp(pulse, await slackIdentity(pulse));
    await other.app.start();
    cleanup.push(() => other.app.stop());
    // The dead process's claim lapses (its lease runs on the database's clock): Slack's next resend comes.
    await pulse.db.rows(
      sql`update leases set expires_at = now() - interval '1 second' where name like 'event:%'`,
    );
    const resend = await postToSlack(ownPort, signingSecret, mentionEvent, {
      contentType: "application/json",
      retry: 1,
    });
    expect(resend.status).toBe(200);
    const answers = () =>
      fake.calls.filter((c) => c.method === "chat.postMessage" && c.params.thread_ts === "800.1");
    await fake.waitFor(() => answers().length === 2, 30_000);
    await other.idle();
    expect(String(answers()[1]!.params.text)).toMatch(/^Orders in \w+ 2026: \d+/);
  });
});
