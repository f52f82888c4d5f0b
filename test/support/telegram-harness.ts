/**
 * The Telegram bot as tests drive it: a fake Bot API serving scripted
 * updates, Pulse on an embedded database with the shop loaded (clock fixed
 * on 2026-11-22), and the real grammY bot long-polling the fake.
 */
import type { Bot } from "grammy";
import { createTelegramBot } from "../../bots/telegram/bot.js";
import { type Polling, type PollingOptions, startPolling } from "../../bots/telegram/polling.js";
import { type AccessRule, createAccess } from "../../src/access/access.js";
import { fixedClock } from "../../src/clock.js";
import { createConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { openPulse } from "../../src/open-pulse.js";
import type { Pulse } from "../../src/pulse.js";
import { type FakeTelegram, startFakeTelegram } from "../fakes/telegram-api.js";
import { inMemory } from "./databases.js";
import { loadShop } from "./shop.js";

export const botToken = "123456:TEST-token";

/** Quick hand-overs between pollers, and polls the fake answers at once. */
export const pollingOptions: PollingOptions = { leaseMs: 600, timeoutSeconds: 0 };

export interface TelegramHarness {
  fake: FakeTelegram;
  pulse: Pulse;
  bot: Bot;
  polling: Polling;
  /**
   * Resolves once the bot has handled the update `fake.pushUpdate` numbered `updateId`: its
   * handler returned, every reply it sent included. What it did not send by then, it never will.
   */
  handled(updateId: number): Promise<void>;
  close(): Promise<void>;
}

export interface TelegramHarnessOptions {
  /** Adds to or overrides the bot's configuration (PULSE_SECRET, survey wording...). */
  env?: Record<string, string>;
  /** The fixed time the assistant reads (default 2026-11-22 12:00 UTC, the shop's). */
  now?: Date;
  /** Access rules to start with: with none, Telegram's team side answers nobody (docs/access.md). */
  allow?: AccessRule[];
}

export async function startTelegramHarness(
  options: TelegramHarnessOptions = {},
): Promise<TelegramHarness> {
  const fake = await startFakeTelegram(botToken);
  const config = createConfig({
    TELEGRAM_BOT_TOKEN: botToken,
    TELEGRAM_API_ROOT: fake.apiRoot,
    PULSE_WORKSPACE: "shop",
    ...options.env,
  });
  const pulse = await openPulse(
    { ...config, database: inMemory() },
    { clock: fixedClock(options.now ?? "2026-11-22T12:00:00Z"), logger: createLogger("silent") },
  );
  await loadShop(pulse.db);
  const access = createAccess(pulse.db, config.workspaceId);
  for (const rule of options.allow ?? []) await access.allow(rule);
  const bot = createTelegramBot(pulse);
  const handled = watchHandled(bot);
  const polling = await startPolling(bot, pulse, pollingOptions);
  return {
    fake,
    pulse,
    bot,
    polling,
    handled,
    async close() {
      await polling.stop();
      await pulse.close();
      await fake.close();
    },
  };
}

/** Notes each update `bot` finishes handling (the runner hands every update to `handleUpdate`). */
function watchHandled(bot: Bot): (updateId: number) => Promise<void> {
  const done = new Set<number>();
  const waiting = new Map<number, () => void>();
  const handleUpdate = bot.handleUpdate.bind(bot);
  bot.handleUpdate = async (update, webhookReply) => {
    try {
      await handleUpdate(update, webhookReply);
    } finally {
      done.add(update.update_id);
      waiting.get(update.update_id)?.();
    }
  };
  return (updateId) =>
    done.has(updateId)
      ? Promise.resolve()
      : new Promise((resolve) => waiting.set(updateId, resolve));
}
