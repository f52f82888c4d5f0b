/**
 * What found from outside the Slack adapter must hold: never silent, never
 * twice, never deaf. The real Bolt app against the fake Slack Web API, with
 * signed requests, on the hand-checked shop (clock fixed on 2026-11-22).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSlackAlertSender } from "../../bots/slack/alert-sender.js";
import { slackIdentity } from "../../bots/slack/app.js";
import type { FakeSlack, SlackCall } from "../fakes/slack-api.js";
import { type SlackHarness, startSlackHarness } from "../support/slack-harness.js";
import { freePort, slashCommandBody } from "../support/slack-requests.js";

describe("Slack, from outside", () => {
  let harness: SlackHarness;
  let fake: FakeSlack;
  const posts = () => fake.calls.filter((c) => c.method === "chat.postMessage");
  const said = () =>
    fake.calls.filter((c) => c.method === "chat.postMessage" || c.method === "chat.postEphemeral");
  /** Everything a message shows: its notification text and its blocks. */
  const shown = (call: SlackCall) => JSON.stringify([call.params.text, call.params.blocks]);

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

  describe("words a person or a customer wrote never mention anyone", () => {
    it("a detractor's comment with <!here> and <@U..> is escaped in the alert's text and blocks", async () => {
      await createSlackAlertSender(harness.pulse).send(
        { platform: "slack", chatId: "C1" },
        {
          key: "rule-1:test",
          ruleId: 1,
          heading:
            'Alert 1: survey detractor from customer c1 (NPS score 2): "<!here> <@U0BOSS> awful".',
          why: "A survey answer of 6 or less.",
          late: false,
          actions: true,
          replies: [],
        },
        { kind: "heading", key: "rule-1:test" },
        null,
      );
      const [alert] = posts();
      expect(shown(alert!)).not.toMatch(/<!here>|<@U0BOSS>/);
      expect(alert!.params.text).toContain("&lt;!here&gt; &lt;@U0BOSS&gt; awful");
    });

    it("the channel an alert posts to is a link in the confirmation, not escaped", async () => {
      await harness.mention("alert me when an order over 1000 comes in", { ts: "920.1" });
      await fake.waitFor(() => said().length === 1);
      expect(JSON.stringify(said()[0]!.params.blocks)).toContain("posts to <#C1>");
    });
  });

  describe("never silent when Slack refuses the bot's posts", () => {
    const responses = () => fake.calls.filter((c) => c.method === "response_url");

    it("/pulse is answered to the asker alone through its response_url, saying what Slack said", async () => {
      // The question's post and its three retries.
      fake.failNext("chat.postMessage", { status: 500, times: 4 });
      await harness.post(slashCommandBody("orders last month", "C1", "U1", fake.responseUrl));
      await fake.waitFor(() => responses().length === 1, 20_000);
      expect(responses()[0]!.params).toMatchObject({ response_type: "ephemeral" });
      expect(responses()[0]!.params.text).toContain("Orders in October 2026: 4");
      expect(responses()[0]!.params.text).toContain("Slack said");
    });

    it("a mention whose answer Slack refuses (invalid_auth) reaches the asker alone", async () => {
      fake.failNext("chat.postMessage", { error: "invalid_auth" });
      await harness.mention("orders last month", { ts: "930.1" });
      const ephemeral = () => fake.calls.filter((c) => c.method === "chat.postEphemeral");
      await fake.waitFor(() => ephemeral().length === 1);
      expect(ephemeral()[0]!.params).toMatchObject({
        channel: "C1",
        user: "U1",
        thread_ts: "930.1",
      });
      expect(ephemeral()[0]!.params.text).toContain("Orders in October 2026: 4");
      expect(ephemeral()[0]!.params.text).toContain("Slack said: invalid_auth");
    });
  });

  it("what Pulse did not understand in its thread is told to the asker alone", async () => {
    await harness.mention("orders last month", { ts: "940.1" });
    await fake.waitFor(() => posts().length === 1);
    await harness.mention("orders by wizard", { ts: "940.2", thread_ts: "940.1" });
    const ephemeral = () => fake.calls.filter((c) => c.method === "chat.postEphemeral");
    await fake.waitFor(() => ephemeral().length === 1);
    expect(ephemeral()[0]!.params.text).toContain("I do not know");
    await harness.slack.idle();
    expect(posts()).toHaveLength(1);
  });

  it("a Slack API out of reach stops Slack at start after a few tries, naming SLACK_API_URL", async () => {
    const nobody = `http://127.0.0.1:${await freePort()}/api/`;
    const pulse = harness.pulse;
    const config = { ...pulse.config.slack, apiUrl: nobody };
    await expect(
      slackIdentity({ ...pulse, config: { ...pulse.config, slack: config } }),
    ).rejects.toThrow(/unreachable after 4 tries.*SLACK_API_URL/);
  });
});
