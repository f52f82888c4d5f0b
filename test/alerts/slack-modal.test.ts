/** The Slack modal for alerts, through the real Bolt app with signed requests and a fake Slack Web API. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

  it("keeps the modal open with the problem under the field when the words are not a rule", async () => {
    const response = await submit("alert me when the weather is nice");
    expect(JSON.parse(response.text)).toMatchObject({
      response_action: "errors",
      errors: { rule: expect.stringContaining("could not read that alert") },
    });
  });
});
