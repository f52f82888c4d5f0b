/** The Slack modal for alerts, through the real Bolt app with signed requests and a fake Slack Web API. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccess } from "../../src/access/access.js";
import { listRules } from "../../src/alerts/rules.js";
import type { Pulse } from "../../src/pulse.js";
import type { FakeSlack } from "../fakes/slack-api.js";
import { type SlackHarness, startSlackHarness } from "../support/slack-harness.js";

describe("the Slack alert modal", () => {
  let harness: SlackHarness;
  let fake: FakeSlack;
  let pulse: Pulse;

  const interact = (payload: Record<string, unknown>) => harness.interact(payload);
  const submit = (rule: string, channel = "C5") =>
    interact({
      type: "view_submission",
      team: { id: "T1" },
      user: { id: "U1" },
      api_app_id: "A1",
      view: {
        id: "V1",
        callback_id: "pulse_new_alert_modal",
        state: {
          values: {
            rule: { rule: { type: "plain_text_input", value: rule } },
            channel: { channel: { type: "conversations_select", selected_conversation: channel } },
          },
        },
      },
    });

  beforeAll(async () => {
    harness = await startSlackHarness({ shop: false, charts: false });
    ({ fake, pulse } = harness);
  });
  afterAll(() => harness?.close());

  it("opens from the global shortcut", async () => {
    const response = await interact({
      type: "shortcut",
      callback_id: "pulse_new_alert",
      trigger_id: "trigger-1",
      team: { id: "T1" },
      user: { id: "U1" },
    });
    expect(response.status).toBe(200);
    await fake.waitFor((calls) => calls.some((c) => c.method === "views.open"));
    const open = fake.calls.find((c) => c.method === "views.open")!;
    expect(open.params).toMatchObject({
      trigger_id: "trigger-1",
      view: { callback_id: "pulse_new_alert_modal" },
    });
  });

  it("creates the rule for the chosen channel and says so there", async () => {
    const response = await submit("every Monday at 9 send revenue last week and NPS");
    expect(response.status).toBe(200);
    expect(response.text).toBe("");
    const [rule] = await listRules(pulse.db, {
      workspaceId: "shop",
      platform: "slack",
      chatId: "C5",
    });
    expect(rule).toMatchObject({ kind: "digest", schedule: "0 9 * * 1", ownerId: "U1" });
    await fake.waitFor((calls) =>
      calls.some((c) => c.method === "chat.postMessage" && c.params.channel === "C5"),
    );
  });

  const rulesIn = (chatId: string) =>
    listRules(pulse.db, { workspaceId: "shop", platform: "slack", chatId });
  const fieldError = (response: { text: string }) => {
    const body = JSON.parse(response.text) as { response_action: string; errors: { rule: string } };
    expect(body.response_action).toBe("errors");
    return body.errors.rule;
  };

  it("keeps the modal open with the problem and rules to copy under the field when the words are not a rule", async () => {
    const unread = fieldError(await submit("alert me when the weather is nice", "C6"));
    expect(unread).toContain("could not read that alert");
    expect(unread).toContain('"alert me when churn goes above 5%"');
    // A question is no rule: it is not answered, and nothing is posted or stored.
    const question = fieldError(await submit("revenue last month", "C6"));
    expect(question).toContain("not a new alert rule");
    expect(question).toContain('"every Monday at 9 send revenue last week and NPS"');
    // Other alert commands belong in chat: the form only makes rules.
    expect(fieldError(await submit("list alerts", "C6"))).toContain("not a new alert rule");
    await harness.slack.idle();
    expect(
      fake.calls.filter((c) => c.method === "chat.postMessage" && c.params.channel === "C6"),
    ).toEqual([]);
    expect(await rulesIn("C6")).toEqual([]);
  });

  it("refuses, under the field, someone not allowed to see numbers in the chosen channel, as typed words would be", async () => {
    const access = createAccess(pulse.db, "shop");
    await access.allow({ platform: "slack", kind: "channel", subject: "C-ALLOWED" });
    try {
      const refusal = fieldError(await submit("alert me when churn goes above 5%", "C-OTHER"));
      expect(refusal).toContain("not shared");
      expect(await rulesIn("C-OTHER")).toEqual([]);
      // Typed in that channel, the same words get the same refusal.
      const typed = await pulse.assistant.ask({
        conversationId: "C-OTHER:1",
        text: "alert me when churn goes above 5%",
        asker: {
          workspaceId: "shop",
          platform: "slack",
          userId: "U1",
          chatId: "C-OTHER",
          isDirect: false,
        },
      });
      expect(typed).toEqual({ kind: "refused", text: refusal });
      // In the allowed channel the rule is made.
      expect((await submit("alert me when churn goes above 5%", "C-ALLOWED")).text).toBe("");
      expect(await rulesIn("C-ALLOWED")).toHaveLength(1);
    } finally {
      await access.revoke({ platform: "slack", kind: "channel", subject: "C-ALLOWED" });
    }
  });

  it("a rule made for a channel Pulse is not in: the rule stands and its maker is told, privately, to invite Pulse", async () => {
    fake.failNext("chat.postMessage", {
      error: "not_in_channel",
      match: (p) => p.channel === "C7",
    });
    expect((await submit("alert me when an order over 1000 comes in", "C7")).text).toBe("");
    await fake.waitFor((calls) =>
      calls.some((c) => c.method === "chat.postMessage" && c.params.channel === "U1"),
    );
    const dm = fake.calls.find(
      (c) => c.method === "chat.postMessage" && c.params.channel === "U1",
    )!;
    expect(dm.params.text).toContain("Created alert");
    expect(dm.params.text).toContain("/invite @Pulse");
    expect(await rulesIn("C7")).toHaveLength(1);
  });
});
