/**
 * Telegram under a burst (issue #15): 300 customers tap an NPS button at the
 * same moment. `pulse serve`'s bot (grammY runner, per-chat order, the one
 * outgoing limiter) polls a fake Bot API on Postgres. Reported: time from
 * the tap reaching the fake to its answerCallbackQuery (target p95 under
 * 1 s, clean and with 429s on the follow-up sends), and the answers recorded,
 * each once.
 */
import { sql } from "drizzle-orm";
import { Api } from "grammy";
import { createTelegramBot } from "../bots/telegram/bot.js";
import { startPolling } from "../bots/telegram/polling.js";
import { surveyCallback, telegramSurveyTransport } from "../bots/telegram/survey-transport.js";
import { createConfig } from "../src/config/config.js";
import { createLogger } from "../src/logger.js";
import { openPulse } from "../src/open-pulse.js";
import { createSurveySender } from "../src/surveys/delivery.js";
import { createWording } from "../src/surveys/texts.js";
import { startFakeTelegram } from "../test/fakes/telegram-api.js";
import { openFreshPostgres } from "../test/support/databases.js";
import { chatOf, queueSurveyOfAll, seedLinkedCustomers } from "../test/support/survey-customers.js";
import { heading, ms, percentile, row } from "./stats.js";

const TOKEN = "123456:TAPS-bench";
const WORKSPACE = "taps";

/**
 * `sendsPerSecond`: the fake answers sends beyond it with 429 (retry_after 1), as Telegram
 * does to a bot over its limit: the follow-up questions are slowed, the callbacks must not be.
 */
export async function benchTelegramTaps(taps = 300, sendsPerSecond?: number): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  heading(
    `Telegram: ${taps} customers tap an NPS button at once (fake Bot API, Postgres${sendsPerSecond ? `, sends over ${sendsPerSecond}/s answered 429` : ""})`,
  );
  const fake = await startFakeTelegram(TOKEN, "taps_bot", { sendsPerSecond });
  const db = await openFreshPostgres(adminUrl, "pulse_bench_taps");
  const config = createConfig({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: fake.apiRoot,
    PULSE_WORKSPACE: WORKSPACE,
    PULSE_SECRET: "bench-secret",
    DATABASE_URL: db.url,
  });
  const pulse = await openPulse(config, { logger: createLogger("silent"), charts: false });
  try {
    await seedLinkedCustomers(db, WORKSPACE, taps);
    await queueSurveyOfAll(db, WORKSPACE);
    await createSurveySender({
      db,
      workspaceId: WORKSPACE,
      transport: telegramSurveyTransport(new Api(TOKEN, { apiRoot: fake.apiRoot })),
      wording: createWording("Bench Shop"),
      clock: pulse.clock,
      logger: pulse.logger,
    }).drain();
    const prompts = await db.rows<{ id: number; chat: string; message_id: string }>(sql`select p.id,
        c.telegram_chat_id as chat, p.message_id from survey_prompts p
      join customers c on c.workspace_id = p.workspace_id and c.id = p.customer_id
      where p.workspace_id = ${WORKSPACE} and p.status = 'sent' order by p.id`);
    const bot = createTelegramBot(pulse);
    const polling = await startPolling(bot, pulse, { timeoutSeconds: 0 });
    fake.calls.length = 0;
    const pushedAt = new Map<string, number>();
    for (const [i, prompt] of prompts.entries()) {
      const id = `tap${i}`;
      pushedAt.set(id, performance.now());
      fake.pushUpdate({
        callback_query: {
          id,
          from: { id: Number(prompt.chat), is_bot: false, first_name: "Customer" },
          chat_instance: `ci${i}`,
          data: surveyCallback(Number(prompt.id), i % 11),
          message: {
            message_id: Number(prompt.message_id),
            date: 1,
            chat: { id: Number(prompt.chat), type: "private", first_name: "Customer" },
          },
        },
      });
    }
    const answered = () => fake.calls.filter((c) => c.method === "answerCallbackQuery");
    await fake.waitFor(() => answered().length >= prompts.length, 120_000);
    const latencies = answered().map(
      (c) => c.at - (pushedAt.get(String(c.params.callback_query_id)) ?? c.at),
    );
    await polling.stop();
    const [{ answers = 0, distinct = 0 } = {}] = await db.rows<{
      answers: number;
      distinct: number;
    }>(sql`select count(*)::int as answers, count(distinct prompt_id)::int as distinct
      from survey_responses where workspace_id = ${WORKSPACE}`);
    row(
      `answerCallbackQuery after the tap: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, min ${ms(Math.min(...latencies))}, max ${ms(Math.max(...latencies))} (target p95 < 1,000 ms)`,
    );
    row(
      `answers recorded: ${answers} of ${prompts.length} taps, ${distinct} distinct prompts, ${answers - distinct} twice; taps on ${new Set(prompts.map((p) => p.chat)).size} chats (first ${chatOf(1)})`,
    );
  } finally {
    await pulse.close();
    await db.close();
    await fake.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchTelegramTaps();
  await benchTelegramTaps(300, 10);
}
