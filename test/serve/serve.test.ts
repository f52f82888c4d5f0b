/**
 * `pulse serve`: starts the configured adapters and, on SIGTERM, lets every
 * answer in flight reach the chat before it stops.
 */

import { EventEmitter } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertsStarter } from "../../bots/alerts/start.js";
import { serve } from "../../bots/serve.js";
import { startSlack } from "../../bots/slack/app.js";
import { openSlackPulse, type SlackPulse } from "../support/slack-harness.js";
import { slashCommandBody } from "../support/slack-requests.js";

describe("pulse serve", () => {
  let base: SlackPulse;

  beforeAll(async () => {
    base = await openSlackPulse();
  });
  afterAll(() => base?.close());

  it("with no chat adapter runs what it can, each part a readiness check, until SIGTERM", async () => {
    const signals = new EventEmitter() as unknown as NodeJS.Process;
    const running = serve(
      base.pulse,
      [{ name: "slack", enabled: () => false, start: startSlack }, alertsStarter],
      signals,
    );
    const report = async () => (await base.pulse.readiness.report()).checks;
    await expect.poll(report, { timeout: 60_000 }).toHaveProperty("alerts.ok", true);
    expect(await report()).not.toHaveProperty("slack");
    signals.emit("SIGTERM");
    await running;
    expect(await report()).not.toHaveProperty("alerts");
  });

  it("on SIGTERM finishes the answer in flight before it stops", async () => {
    const signals = new EventEmitter() as unknown as NodeJS.Process;
    let started: () => void = () => {};
    const running = serve(
      base.pulse,
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
    const ack = await base.post(slashCommandBody("revenue by month this year"));
    expect(ack.status).toBe(200);
    signals.emit("SIGTERM");
    await running;
    expect(base.fake.calls.some((c) => c.method === "files.completeUploadExternal")).toBe(true);
  });
});
