/**
 * A workspace with nothing imported yet answers with what to do, naming the
 * data the metric needs, instead of a 0 or an empty breakdown that would
 * pass for a fact.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { createConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { openPulse } from "../../src/open-pulse.js";
import type { Pulse } from "../../src/pulse.js";

const asker = {
  workspaceId: "fresh",
  platform: "terminal" as const,
  userId: "me",
  chatId: "terminal",
  isDirect: true,
};

describe("an empty workspace", () => {
  let pulse: Pulse;
  beforeAll(async () => {
    const config = createConfig({ PULSE_WORKSPACE: "fresh" });
    pulse = await openPulse(
      { ...config, database: { mode: "embedded", dataDir: null } },
      { clock: fixedClock("2026-11-22T12:00:00Z"), logger: createLogger("silent"), charts: false },
    );
  });
  afterAll(() => pulse?.close());

  const ask = (text: string) => pulse.assistant.ask({ conversationId: text, text, asker });

  it("says there are no orders yet and how to import them or try the demo", async () => {
    const reply = await ask("revenue last month");
    expect(reply.kind).toBe("notice");
    expect(reply.kind === "notice" && reply.text).toMatch(
      /^No orders yet in this workspace, so there is nothing to compute revenue from\. Import them with `pulse import orders FILE`.*`pulse demo`/,
    );
  });

  it("names the customers a breakdown of customers needs, not an empty 'By plan: .'", async () => {
    const reply = await ask("active customers by plan");
    expect(reply.kind).toBe("notice");
    expect(reply.kind === "notice" && reply.text).toMatch(/^No customers yet/);
  });

  it("names deals for a deal metric", async () => {
    const reply = await ask("win rate this year");
    expect(reply.kind === "notice" && reply.text).toMatch(/^No deals yet.*HubSpot/);
  });
});
