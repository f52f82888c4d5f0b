/**
 * Slack (issue #5): the real Bolt app against the fake Slack API on the demo
 * business, 20 questions in flight at once. Ack latency is the HTTP answer to
 * the signed slash command; the full answer is question in -> chart upload
 * completed (files.completeUploadExternal) in its thread.
 */
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { createSlackApp } from "../bots/slack/app.js";
import { useRenderThreads } from "../charts/index.js";
import { createConfig } from "../src/config/config.js";
import { seedDemo } from "../src/demo/seed.js";
import { createLogger } from "../src/logger.js";
import { openPulse } from "../src/open-pulse.js";
import { localDate } from "../src/workspace/workspace.js";
import { startFakeSlack } from "../test/fakes/slack-api.js";
import { heading, ms, percentile, row } from "./stats.js";

const questions = [
  "what was churn last month?",
  "revenue by month this year",
  "churn rate by plan last quarter",
  "new customers this week vs last week",
  "nps last month",
  "cac by channel this year",
  "orders by week last quarter",
  "average order value by country last month",
];

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export async function benchSlack(total = 100, inFlight = 20): Promise<void> {
  // On a Postgres server, as `pulse serve` runs in production: embedded PGlite runs its queries on
  // the event loop's thread, which is right for a laptop, not for 20 questions at once.
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const database = `pulse_bench_slack_${Date.now()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  heading(`Slack: ${total} slash commands, ${inFlight} in flight, demo data on Postgres`);
  const fake = await startFakeSlack();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "pulse-bench-slack-"));
  const secret = "bench-secret";
  const config = createConfig({
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: fake.apiUrl,
    PORT: String(port),
    PULSE_DATA_DIR: dataDir,
    DATABASE_URL: url.toString(),
  });
  const pulse = await openPulse(config, { logger: createLogger("silent") });
  useRenderThreads();
  const slack = createSlackApp(pulse);
  try {
    await seedDemo(pulse.db, pulse.workspaceId, localDate(new Date(), "UTC"));
    await slack.app.start();
    const acks: number[] = [];
    const fulls: number[] = [];
    let next = 0;
    const one = async (i: number) => {
      const marker = `q${i}`;
      const body = new URLSearchParams({
        command: "/pulse",
        text: `${questions[i % questions.length]} `,
        channel_id: `C${marker}`,
        user_id: "U1",
        team_id: "T1",
        trigger_id: marker,
      }).toString();
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-slack-request-timestamp": String(timestamp),
          "x-slack-signature": signature,
        },
        body,
      });
      acks.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`slash command answered ${response.status}`);
      await fake.waitFor(
        (calls) =>
          calls.some(
            (c) =>
              c.method === "files.completeUploadExternal" && c.params.channel_id === `C${marker}`,
          ),
        60_000,
      );
      const done = fake.calls.find(
        (c) => c.method === "files.completeUploadExternal" && c.params.channel_id === `C${marker}`,
      )!;
      fulls.push(done.at - started);
    };
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < total) await one(next++);
      }),
    );
    const ackP99 = percentile(acks, 99);
    const fullP95 = percentile(fulls, 95);
    row(
      `ack: p50 ${ms(percentile(acks, 50))}, p99 ${ms(ackP99)} (target p99 < 100 ms: ${ackP99 < 100 ? "met" : "MISSED"})`,
    );
    row(
      `full answer (text + chart uploaded): p50 ${ms(percentile(fulls, 50))}, p95 ${ms(fullP95)} (target p95 < 1500 ms: ${fullP95 < 1500 ? "met" : "MISSED"})`,
    );
  } finally {
    await slack.idle();
    await slack.app.stop();
    await pulse.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSlack();
