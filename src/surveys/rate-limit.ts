/**
 * A sliding-window limiter: at most `perSecond` messages in any window of one
 * second, one per chat per interval, and a pause the platform asked for (429
 * retry_after) that stops everything until it is over. Callers are served in
 * arrival order.
 *
 * A message occupies its place in the window from when it starts until one
 * second after its request *completed*: the platform counted it at some moment
 * in between, so no network delay can make it see one message too many, and
 * no safety margin needs guessing.
 */
import type { PlatformLimits } from "./transport.js";

export interface RateLimiter {
  /** Resolves when a message to `key` may start, with the function to call once its request completed. */
  acquire(key: string): Promise<() => void>;
  /** Nothing starts for `ms` from now. */
  pauseFor(ms: number): void;
}

export interface LimiterTiming {
  now(): number;
  wait(ms: number): Promise<void>;
}

export const realTiming: LimiterTiming = {
  now: () => performance.now(),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const WINDOW_MS = 1000;
/** How often to look again while the window is full of requests still on the wire. */
const IN_FLIGHT_POLL_MS = 2;

export function createRateLimiter(
  limits: PlatformLimits,
  timing: LimiterTiming = realTiming,
): RateLimiter {
  /** Completion times of recent messages; null while a message is on the wire. */
  const window: { end: number | null }[] = [];
  const lastByKey = new Map<string, number>();
  let pausedUntil = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const intervalOf = (key: string): number =>
    key.startsWith("-") && limits.perGroupIntervalMs !== undefined
      ? limits.perGroupIntervalMs
      : limits.perChatIntervalMs;

  /** How long until a message to `key` may start (0: now). */
  const delay = (key: string, now: number): number => {
    while (window.length > 0 && window[0]!.end !== null && window[0]!.end + WINDOW_MS <= now)
      window.shift();
    let at = pausedUntil;
    if (window.length >= limits.perSecond) {
      const oldest = window[window.length - limits.perSecond]!;
      at = Math.max(at, oldest.end === null ? now + IN_FLIGHT_POLL_MS : oldest.end + WINDOW_MS);
    }
    const last = lastByKey.get(key);
    if (last !== undefined) at = Math.max(at, last + intervalOf(key));
    return at - now;
  };

  const take = async (key: string): Promise<() => void> => {
    for (;;) {
      const wait = delay(key, timing.now());
      if (wait <= 0) break;
      await timing.wait(wait);
    }
    const now = timing.now();
    const slot: { end: number | null } = { end: null };
    window.push(slot);
    lastByKey.set(key, now);
    // Forget chats whose interval is over, so a long campaign does not grow the map.
    if (lastByKey.size > 10_000)
      for (const [k, t] of lastByKey) if (now - t > intervalOf(k)) lastByKey.delete(k);
    return () => {
      slot.end ??= timing.now();
    };
  };

  return {
    acquire(key) {
      const turn = queue.then(() => take(key));
      queue = turn.catch(() => {});
      return turn;
    },
    pauseFor(ms) {
      pausedUntil = Math.max(pausedUntil, timing.now() + ms);
    },
  };
}
