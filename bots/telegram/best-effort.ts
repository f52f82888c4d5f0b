/**
 * Calls that only change what a person sees of something already done (a
 * callback query's answer, the tick on the chosen button): a network failure
 * or a 5xx is retried a few times, and a call that still fails is logged,
 * never thrown, so what comes after it (the follow-up question) always goes.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { GrammyError, HttpError } from "grammy";
import type { Logger } from "../../src/logger.js";

const TRIES = 3;
const PAUSE_MS = 200;

const retryable = (error: unknown): boolean =>
  error instanceof HttpError || (error instanceof GrammyError && error.error_code >= 500);

export async function bestEffort(
  logger: Logger,
  what: string,
  call: () => Promise<unknown>,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await call();
      return;
    } catch (error) {
      if (!retryable(error) || attempt >= TRIES) {
        logger.warn({ err: error }, `Telegram: ${what} failed; going on without it`);
        return;
      }
      await sleep(PAUSE_MS * attempt);
    }
  }
}
