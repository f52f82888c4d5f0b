/**
 * Every message the bot sends (answers, confirmations, alerts) goes through
 * one rate limiter, the one the survey sender shares: 30 a second overall,
 * one a second per chat, 20 a minute per group. A 429 is waited out exactly
 * as its retry_after says and the call is made again.
 */
import type { Transformer } from "grammy";
import type { Logger } from "../../src/logger.js";
import type { RateLimiter } from "../../src/surveys/rate-limit.js";

/** Methods that put a message in a chat, the ones Telegram's limits count. */
const sending = new Set([
  "sendMessage",
  "sendPhoto",
  "sendDocument",
  "sendPoll",
  "sendMediaGroup",
  "copyMessage",
  "forwardMessage",
]);

/** 429s in a row before the error is given to the caller. */
const MAX_RETRIES = 5;

export function limitOutgoing(limiter: RateLimiter, logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
    if (!sending.has(method) || chatId === undefined) return prev(method, payload, signal);
    for (let attempt = 0; ; attempt++) {
      const completed = await limiter.acquire(String(chatId));
      const result = await prev(method, payload, signal).finally(completed);
      const retryAfter = result.ok ? undefined : result.parameters?.retry_after;
      if (retryAfter === undefined || attempt >= MAX_RETRIES) return result;
      logger.warn({ method, retryAfter }, "Telegram asked to slow down; waiting as it said");
      limiter.pauseFor(retryAfter * 1000);
    }
  };
}
