/**
 * What found from outside the Slack adapter must hold: never silent, never
 * twice, never deaf. The real Bolt app against the fake Slack Web API, with
 * signed requests, on the hand-checked shop (clock fixed on 2026-11-22).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FakeSlack } from "../fakes/slack-api.js";
import { type SlackHarness, startSlackHarness } from "../support/slack-harness.js";

describe("Slack, from outside", () => {
  let harness: SlackHarness;
  let fake: FakeSlack;
  const posts = () => fake.calls.filter((c) => c.method === "chat.postMessage");

  beforeAll(async () => {
    harness = await startSlackHarness();
    fake = harness.fake;
  });
  afterAll(() => harness?.close());
  beforeEach(async () => {
    await harness.slack.idle();
    fake.calls.length = 0;
  });

  it("one direct message delivered under two event ids is answered once", async () => {
    // Each call is a new event id for the same message.
    await harness.direct("orders last month", { ts: "900.1", channel: "D1" });
    await harness.direct("orders last month", { ts: "900.1", channel: "D1" });
    await fake.waitFor(() => posts().length >= 1);
    await harness.slack.idle();
    expect(posts()).toHaveLength(1);
  });
});
