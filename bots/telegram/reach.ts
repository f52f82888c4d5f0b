/**
 * The first call to Telegram (getMe), tried a few times with a growing
 * pause. A refused token or an API that stays unreachable stops `pulse
 * serve` with the reason and the variable to check; grammY's own
 * `bot.init()` would retry a network failure forever, in silence.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { type Bot, GrammyError } from "grammy";
import type { TelegramConfig } from "../../src/config/config.js";
import { ConfigError, ServiceUnreachableError } from "../../src/errors.js";

export const REACH_TRIES = 4;

export async function reachTelegram(
  bot: Bot,
  config: Extract<TelegramConfig, { enabled: true }>,
  pauseMs = 500,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      bot.botInfo = await bot.api.getMe();
      return;
    } catch (error) {
      if (error instanceof GrammyError) {
        throw new ConfigError(
          `TELEGRAM_BOT_TOKEN: Telegram refused the token (${error.error_code} ${error.description}); copy it again from @BotFather`,
        );
      }
      if (attempt >= REACH_TRIES) {
        const root = config.apiRoot ?? "https://api.telegram.org";
        const reason = error instanceof Error ? error.message : String(error);
        throw new ServiceUnreachableError(
          `Telegram API at ${root} unreachable after ${REACH_TRIES} tries (${reason}); check the network${config.apiRoot ? " or TELEGRAM_API_ROOT" : ""}, or unset TELEGRAM_BOT_TOKEN to run without Telegram`,
          { cause: error },
        );
      }
      await sleep(pauseMs * 2 ** (attempt - 1));
    }
  }
}
