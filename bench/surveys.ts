/**
 * Surveys (issue #6): an NPS campaign to linked customers (10,000 by default;
 * SURVEY_BENCH_CUSTOMERS scales it) through the fake Bot API enforcing
 * Telegram's 30 messages a second with 429 beyond it. Then the same campaign
 * with the sender process SIGKILLed at a random moment and restarted.
 * Counted at the fake server: achieved rate, 429s, duplicates, missed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { Api } from "grammy";
import { telegramSurveyTransport } from "../bots/telegram/survey-transport.js";
import { systemClock } from "../src/clock.js";
import { createLogger } from "../src/logger.js";
import { createSurveySender } from "../src/surveys/delivery.js";
import { createWording } from "../src/surveys/texts.js";
import { type FakeTelegram, startFakeTelegram } from "../test/fakes/telegram-api.js";
import { openFreshPostgres } from "../test/support/databases.js";
import { chatOf, queueSurveyOfAll, seedLinkedCustomers } from "../test/support/survey-customers.js";
import { heading, row } from "./stats.js";
import { BENCH_TOKEN } from "./survey-sender.js";

const LIMIT = 30;
/** A restarted sender takes back the dead one's claims after this long. */
const LEASE_MS = 3_000;

interface Tally {
  delivered: number;
  duplicates: number;
  missed: number;
  rateLimited: number;
  first: number;
  last: number;
}

function tally(fake: FakeTelegram, customers: number, from: number, limitedBefore: number): Tally {
  const counts = new Map<string, number>();
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const call of fake.calls.slice(from)) {
    if (call.method !== "sendMessage" || call.status !== 200) continue;
    const chat = String(call.params.chat_id);
    counts.set(chat, (counts.get(chat) ?? 0) + 1);
    first = Math.min(first, call.at);
    last = Math.max(last, call.at);
  }
  let duplicates = 0;
  let missed = 0;
  for (let n = 1; n <= customers; n++) {
    const count = counts.get(chatOf(n)) ?? 0;
    if (count === 0) missed++;
    else duplicates += count - 1;
  }
  const delivered = [...counts.values()].reduce((a, b) => a + b, 0);
  return {
    delivered,
    duplicates,
    missed,
    rateLimited: fake.rateLimited - limitedBefore,
    first,
    last,
  };
}

function report(label: string, t: Tally, rateTarget: boolean): void {
  const rate = (t.delivered - 1) / ((t.last - t.first) / 1000);
  const target = rateTarget
    ? ` (target >= 28: ${rate >= 28 ? "met" : "MISSED"})`
    : " (kill and restart included)";
  row(
    `${label}: ${t.delivered} sent, ${rate.toFixed(1)} msg/s${target}, ` +
      `429s ${t.rateLimited}, duplicates ${t.duplicates} (must be 0), missed ${t.missed} (must be 0)`,
  );
}

function runSender(url: string, apiRoot: string, workspaceId: string): ChildProcess {
  const script = fileURLToPath(new URL("./survey-sender.js", import.meta.url));
  return spawn(process.execPath, [script, url, apiRoot, workspaceId, String(LEASE_MS)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );

export async function benchSurveys(
  customers = Number(process.env.SURVEY_BENCH_CUSTOMERS ?? 10_000),
): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  heading(
    `Surveys: NPS campaign to ${customers} linked Telegram customers, fake Bot API at ${LIMIT} msg/s (429 beyond)`,
  );
  const fake = await startFakeTelegram(BENCH_TOKEN, "bench_bot", { sendsPerSecond: LIMIT });
  const db = await openFreshPostgres(adminUrl, "pulse_bench_surveys");
  try {
    // One sender, start to finish.
    await seedLinkedCustomers(db, "bench", customers);
    await queueSurveyOfAll(db, "bench");
    await createSurveySender({
      db,
      workspaceId: "bench",
      transport: telegramSurveyTransport(new Api(BENCH_TOKEN, { apiRoot: fake.apiRoot })),
      wording: createWording("Bench Shop"),
      clock: systemClock,
      logger: createLogger("silent"),
    }).drain();
    report("one sender", tally(fake, customers, 0, 0), true);

    // A sender process killed mid-campaign and started again.
    await seedLinkedCustomers(db, "bench2", customers);
    await queueSurveyOfAll(db, "bench2");
    const from = fake.calls.length;
    const limitedBefore = fake.rateLimited;
    const expectedMs = (customers / LIMIT) * 1000;
    const killAfterMs = Math.round(1000 + Math.random() * expectedMs * 0.8);
    const first = runSender(db.url, fake.apiRoot, "bench2");
    const firstExit = exited(first);
    await Promise.race([new Promise((r) => setTimeout(r, killAfterMs)), firstExit]);
    first.kill("SIGKILL");
    await firstExit;
    const [{ sending = 0 } = {}] = await db.rows<{ sending: number }>(
      sql`select count(*)::int as sending from survey_prompts where workspace_id = 'bench2' and status = 'sending'`,
    );
    const beforeRestart = tally(fake, customers, from, limitedBefore).delivered;
    const second = runSender(db.url, fake.apiRoot, "bench2");
    const secondExit = exited(second);
    const { code } = await secondExit;
    if (code !== 0) throw new Error(`restarted sender exited with ${code}`);
    row(
      `killed (SIGKILL) after ${(killAfterMs / 1000).toFixed(1)} s with ${beforeRestart} sent and ${sending} prompts claimed; restarted`,
    );
    report("killed and restarted", tally(fake, customers, from, limitedBefore), false);
  } finally {
    await db.close();
    await fake.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSurveys();
