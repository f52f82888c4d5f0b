/**
 * The sender process the survey benchmark kills and restarts:
 * `node dist/bench/survey-sender.js <database url> <api root> <workspace> <lease ms>`.
 * Sends every pending Telegram prompt of the workspace, prints its stats as JSON, exits.
 */
import { sql } from "drizzle-orm";
import { Api } from "grammy";
import { telegramSurveyTransport } from "../bots/telegram/survey-transport.js";
import { openDatabase } from "../db/client.js";
import { systemClock } from "../src/clock.js";
import { createLogger } from "../src/logger.js";
import { createSurveySender } from "../src/surveys/delivery.js";
import { createWording } from "../src/surveys/texts.js";

export const BENCH_TOKEN = "424242:BENCH-token";

async function main(): Promise<void> {
  const [url, apiRoot, workspaceId, leaseMs] = process.argv.slice(2);
  if (!url || !apiRoot || !workspaceId || !leaseMs) {
    process.stderr.write("usage: survey-sender <database url> <api root> <workspace> <lease ms>\n");
    process.exit(2);
  }
  const db = await openDatabase({ mode: "postgres", url });
  try {
    const sender = createSurveySender({
      db,
      workspaceId,
      transport: telegramSurveyTransport(new Api(BENCH_TOKEN, { apiRoot })),
      wording: createWording("Bench Shop"),
      clock: systemClock,
      logger: createLogger("silent"),
      leaseMs: Number(leaseMs),
    });
    // Until the campaign is done: prompts a killed sender held come back once its lease is over.
    for (;;) {
      await sender.drain();
      const [left] = await db.rows<{ n: number }>(sql`select count(*)::int as n from survey_prompts
        where workspace_id = ${workspaceId} and status in ('pending', 'sending')`);
      if (!left || left.n === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    process.stdout.write(`${JSON.stringify(sender.stats)}\n`);
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
