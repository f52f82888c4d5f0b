/**
 * Work an update starts but need not finish before the next update is taken
 * (a survey tap's follow-up question, which waits on the send limits): run
 * off the update's path, failures logged, and waited for when the bot stops.
 */
import type { Logger } from "../../src/logger.js";

export interface Background {
  run(what: string, work: () => Promise<unknown>): void;
  /** Resolves once everything started has finished. */
  idle(): Promise<void>;
}

export function createBackground(logger: Logger): Background {
  const inFlight = new Set<Promise<unknown>>();
  return {
    run(what, work) {
      const running = work()
        .catch((error: unknown) => logger.error({ err: error }, `Telegram: ${what} failed`))
        .finally(() => inFlight.delete(running));
      inFlight.add(running);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
