/**
 * Long polling with grammY's runner: updates are handled concurrently, in
 * order within each chat (sequentialize in bot.ts). Telegram allows one
 * getUpdates consumer per bot, so across Pulse processes one holds a lease
 * and polls; the others wait and take over when it stops or dies. A 409
 * (some other program polls this bot) is logged with the fix, never a crash.
 */
import { randomUUID } from "node:crypto";
import { type RunnerHandle, run } from "@grammyjs/runner";
import type { Bot } from "grammy";
import { holdLease, releaseLease } from "../../src/leases/lease.js";
import type { Pulse } from "../../src/pulse.js";

export interface PollingOptions {
  /** How long a lease lasts without renewal; renewed every third of it. */
  leaseMs?: number;
  /** getUpdates long-poll timeout in seconds (Telegram's default 30). */
  timeoutSeconds?: number;
  /**
   * Updates handled at once. Hundreds interleaved on one database pool all
   * finish late; a few at a time finish in arrival order, the first at once.
   */
  concurrency?: number;
}

export interface Polling {
  /** True while this process is the one polling. */
  polling(): boolean;
  stop(): Promise<void>;
}

export async function startPolling(
  bot: Bot,
  pulse: Pulse,
  { leaseMs = 30_000, timeoutSeconds = 30, concurrency = 16 }: PollingOptions = {},
): Promise<Polling> {
  await bot.init();
  const name = `telegram-poller:${bot.botInfo.id}`;
  const holder = randomUUID();
  let runner: RunnerHandle | null = null;
  let waitingSaid = false;
  let conflictSaidAt = Number.NEGATIVE_INFINITY;

  bot.api.config.use(async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (method === "getUpdates" && !result.ok && result.error_code === 409) {
      if (Date.now() - conflictSaidAt > 60_000)
        pulse.logger.error(
          /webhook/i.test(result.description)
            ? "another program set a webhook for this Telegram bot while Pulse polls it (409 Conflict): stop that program; Pulse deletes the webhook when it starts without TELEGRAM_WEBHOOK_URL"
            : "another program is polling this Telegram bot (409 Conflict): stop it, or give Pulse TELEGRAM_WEBHOOK_URL",
        );
      conflictSaidAt = Date.now();
    }
    return result;
  });

  const tick = async () => {
    let mine = false;
    try {
      mine = await holdLease(pulse.db, name, holder, leaseMs);
      pulse.telemetry.leaseHeld("telegram-poller", mine);
    } catch (error) {
      // Without the database this process cannot prove it still holds the lease.
      pulse.logger.error({ err: error }, "Telegram polling lease not renewed");
    }
    if (mine && !runner) {
      const started = run(bot, {
        runner: { fetch: { timeout: timeoutSeconds }, silent: true },
        sink: { concurrency },
      });
      runner = started;
      // The runner gives up on errors it cannot retry (a 409 while another poller's request
      // lingers, a revoked token): polling starts again at the next tick, never a crash.
      started.task()?.catch((error: unknown) => {
        if (runner === started) runner = null;
        pulse.logger.warn({ err: error }, "Telegram polling stopped; starting again shortly");
      });
      waitingSaid = false;
      pulse.logger.info("this process polls Telegram");
    } else if (!mine && runner) {
      const stopping = runner;
      runner = null;
      await stopping.stop();
      pulse.logger.warn("Telegram polling handed over to another process");
    } else if (!mine && !waitingSaid) {
      waitingSaid = true;
      pulse.logger.info("another Pulse process polls Telegram; this one takes over if it stops");
    }
  };
  await tick();
  let ticking = Promise.resolve();
  const timer = setInterval(() => {
    ticking = ticking.then(tick);
  }, leaseMs / 3);
  return {
    polling: () => runner !== null,
    async stop() {
      clearInterval(timer);
      await ticking;
      if (runner) await runner.stop();
      runner = null;
      await releaseLease(pulse.db, name, holder).catch((error: unknown) =>
        pulse.logger.error({ err: error }, "Telegram polling lease not released"),
      );
    },
  };
}
