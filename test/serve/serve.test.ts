/**
 * `pulse serve`: starts the configured adapters and, on SIGTERM, lets every
 * answer in flight reach the chat before it stops.
 */

import { EventEmitter } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "../../bots/serve.js";
import { startSlack } from "../../bots/slack/app.js";
import { fixedClock } from "../../src/clock.js";
import { createConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { openPulse } from "../../src/open-pulse.js";
import type { Pulse } from "../../src/pulse.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-api.js";
import { loadShop } from "../support/shop.js";
import { freePort, postToSlack, slashCommandBody } from "../support/slack-requests.js";

describe("pulse serve", () => {
  const secret = "serve-secret";
  let fake: FakeSlack;
  let port: number;
  let pulse: Pulse;

  beforeAll(async () => {
    fake = await startFakeSlack();
    port = await freePort();
    const config = createConfig({
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      PULSE_WORKSPACE: "shop",
    });
    pulse = await openPulse(
      { ...config, database: { mode: "embedded", dataDir: null } },
      { clock: fixedClock("2026-11-22T12:00:00Z"), logger: createLogger("silent") },
    );
    await loadShop(pulse.db);
  });
  afterAll(async () => {
    await pulse?.close();
    await fake?.close();
  });

  it("refuses to start with no adapter enabled, naming the variables", async () => {
    await expect(
      serve(pulse, [{ name: "slack", enabled: () => false, start: startSlack }]),
    ).rejects.toThrow(/SLACK_BOT_TOKEN.*TELEGRAM_BOT_TOKEN/);
  });

  it("on SIGTERM finishes the answer in flight before it stops", async () => {
    const signals = new EventEmitter() as unknown as NodeJS.Process;
    let started: () => void = () => {};
    const running = serve(
      pulse,
      [
        {
          name: "slack",
          enabled: () => true,
          start: async (p) => {
            const adapter = await startSlack(p);
            started();
            return adapter;
          },
        },
      ],
      signals,
    );
    await new Promise<void>((resolve) => {
      started = resolve;
    });
    const ack = await postToSlack(port, secret, slashCommandBody("revenue by month this year"));
    expect(ack.status).toBe(200);
    signals.emit("SIGTERM");
    await running;
    expect(fake.calls.some((c) => c.method === "files.completeUploadExternal")).toBe(true);
  });
});
