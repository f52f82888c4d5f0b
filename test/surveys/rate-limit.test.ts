/** The sender's limiter on a simulated clock: what it waits for, not how long a test takes. */
import { describe, expect, it } from "vitest";
import { createRateLimiter, type LimiterTiming } from "../../src/surveys/rate-limit.js";

function simulatedTiming(): LimiterTiming {
  let now = 0;
  return {
    now: () => now,
    wait: async (ms) => {
      now += ms;
    },
  };
}

describe("survey rate limiter", () => {
  it("lets 30 messages start at once and the 31st one second after the first completed", async () => {
    const timing = simulatedTiming();
    const limiter = createRateLimiter({ perSecond: 30, perChatIntervalMs: 1000 }, timing);
    const done: (() => void)[] = [];
    for (let i = 0; i < 30; i++) done.push(await limiter.acquire(`chat${i}`));
    expect(timing.now()).toBe(0);
    // The first request takes 40 ms on the wire; the platform may have counted it as late as that.
    await timing.wait(40);
    for (const complete of done) complete();
    await limiter.acquire("chat30");
    expect(timing.now()).toBe(1040);
  });

  it("one chat gets at most one message a second", async () => {
    const timing = simulatedTiming();
    const limiter = createRateLimiter({ perSecond: 30, perChatIntervalMs: 1000 }, timing);
    (await limiter.acquire("chat"))();
    (await limiter.acquire("chat"))();
    expect(timing.now()).toBe(1000);
  });

  it("a pause (429 retry_after) holds everything for exactly that long", async () => {
    const timing = simulatedTiming();
    const limiter = createRateLimiter({ perSecond: 30, perChatIntervalMs: 1000 }, timing);
    (await limiter.acquire("a"))();
    limiter.pauseFor(3000);
    (await limiter.acquire("b"))();
    expect(timing.now()).toBe(3000);
  });
});
