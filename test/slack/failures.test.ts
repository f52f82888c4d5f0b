/**
 * What found from outside the Slack adapter must hold: never silent, never
 * twice, never deaf. The real Bolt app against the fake Slack Web API, with
 * signed requests, on the hand-checked shop (clock fixed on 2026-11-22).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSlackAlertSender } from "../../bots/slack/alert-sender.js";
import type { FakeSlack, SlackCall } from "../fakes/slack-api.js";
import { type SlackHarness, startSlackHarness } from "../support/slack-harness.js";

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
    it("a refusal repeating the asker's <!channel> escapes it in its text and blocks", async () => {
      await harness.mention("alert me when <!channel> churn goes above 7%", { ts: "910.1" });
      await fake.waitFor(() => said().length === 1);
      expect(shown(said()[0]!)).not.toContain("<!channel>");
      expect(said()[0]!.params.text).toContain("&lt;!channel&gt; churn");
    });

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
});
