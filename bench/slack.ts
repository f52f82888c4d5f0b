/**
 * Slack (issue #5): `pulse serve` in its own process, as in production, with
 * the fake Slack API and the load in this one (Slack is another machine: its
 * work must not queue on the server's event loop), on the demo business,
 * 20 questions in flight at once. Ack latency is the HTTP answer to the
 * signed slash command; the full answer is question in -> chart upload
 * completed (files.completeUploadExternal) in its thread. The demo business
 * is seeded by `pulse demo` in a process of its own, and `npm run bench` runs
 * this file in a fresh process: a heap left large by seeding or by the core
 * benchmark collects its garbage in pauses that would be measured as acks.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { Agent } from "node:http";
import { connect } from "node:net";
import postgres from "postgres";
import { startFakeSlack } from "../test/fakes/slack-api.js";
import { freePort, postToSlack, slashCommandBody } from "../test/support/slack-requests.js";
import { exitedCleanly } from "./process.js";
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

export async function benchSlack(total = 100, inFlight = 20): Promise<void> {
  // On a Postgres server, as `pulse serve` runs in production: embedded PGlite runs its queries on
  // the event loop's thread, which is right for a laptop, not for 20 questions at once.
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const database = `pulse_bench_slack_${Date.now()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  heading(
    `Slack: ${total} slash commands, ${inFlight} in flight, pulse serve on the demo data on Postgres`,
  );
  const fake = await startFakeSlack();
  const port = await freePort();
  const secret = "bench-secret";
  let server: ChildProcess | undefined;
  // Slack keeps its connections to an app open: so does this client, up to one per question in flight.
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  try {
    await exitedCleanly(
      startPulse(["demo", "--no-chat"], { DATABASE_URL: url.toString() }),
      "pulse demo",
    );
    server = startPulse(["serve"], {
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      DATABASE_URL: url.toString(),
      LOG_LEVEL: "warn",
    });
    await listening(port);
    const acks: number[] = [];
    const fulls: number[] = [];
    let next = 0;
    const one = async (marker: string, text: string) => {
      const started = performance.now();
      const response = await postToSlack(port, secret, slashCommandBody(text, `C${marker}`), {
        agent,
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
    // Right after start every code path is cold (JIT, connections) on both sides: the first
    // question of each kind goes one at a time and is reported on its own, then the load.
    for (const [k, text] of questions.entries()) await one(`warm${k}`, text);
    const coldAcks = acks.splice(0);
    const coldFulls = fulls.splice(0);
    row(
      `first ${questions.length} questions after start, one at a time: ack first ${ms(coldAcks[0]!)}, max ${ms(Math.max(...coldAcks))}; full answer first ${ms(coldFulls[0]!)}, max ${ms(Math.max(...coldFulls))}`,
    );
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < total) {
          const i = next++;
          await one(`q${i}`, questions[i % questions.length]!);
        }
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
    agent.destroy();
    if (server && server.exitCode === null) {
      // SIGTERM: the server finishes what it has in flight, as in a deploy.
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await fake.close();
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
}

const cli = new URL("../../bin/pulse.js", import.meta.url).pathname;

/** Starts `pulse <args>` with `env` added to this process's environment. */
const startPulse = (args: string[], env: Record<string, string>): ChildProcess =>
  spawn(process.execPath, [cli, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });

/** Resolves once the server accepts connections on its port. */
async function listening(port: number): Promise<void> {
  const accepts = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1")
        .once("connect", () => resolve(true))
        .once("error", () => resolve(false));
      socket.unref();
      setTimeout(() => socket.destroy(), 1000).unref();
    });
  for (let attempt = 0; attempt < 600; attempt++) {
    if (await accepts()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`pulse serve did not listen on port ${port} within 60 s`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSlack();
