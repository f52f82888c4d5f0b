/**
 * How updates reach `pulse serve`'s bot, as startTelegram sets it up: long
 * polling unless TELEGRAM_WEBHOOK_URL is set, against the fake Bot API.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startTelegram } from "../../bots/telegram/bot.js";
import { fixedClock } from "../../src/clock.js";
import { createConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { openPulse } from "../../src/open-pulse.js";
import { startFakeTelegram } from "../fakes/telegram-api.js";
import { inMemory } from "../support/databases.js";
import { botToken } from "../support/telegram-harness.js";

describe("Telegram delivery mode", () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
  });

  it("back from a webhook to polling, the bot deletes the webhook and hears its updates", async () => {
    // An earlier run in webhook mode left its webhook with Telegram.
    const fake = await startFakeTelegram(botToken, "pulse_test_bot", {
      webhookUrl: "https://pulse.example.com/telegram",
    });
    cleanup.push(() => fake.close());
    const config = createConfig({
      TELEGRAM_BOT_TOKEN: botToken,
      TELEGRAM_API_ROOT: fake.apiRoot,
      PULSE_WORKSPACE: "shop",
    });
    const pulse = await openPulse(
      { ...config, database: inMemory() },
      { clock: fixedClock("2026-11-22T12:00:00Z"), logger: createLogger("silent") },
    );
    cleanup.push(() => pulse.close());
    const telegram = await startTelegram(pulse);
    cleanup.push(() => telegram.stop());
    fake.pushUpdate({
      message: {
        message_id: 1,
        date: 1,
        chat: { id: 5, type: "private", first_name: "Ann" },
        from: { id: 5, is_bot: false, first_name: "Ann" },
        text: "/help",
        entities: [{ type: "bot_command", offset: 0, length: 5 }],
      },
    });
    await fake.waitFor((calls) =>
      calls.some((c) => c.method === "sendMessage" && c.params.chat_id === 5),
    );
    expect(fake.webhookUrl).toBe("");
  });
});
