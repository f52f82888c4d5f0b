/**
 * The Reply button under a detractor's alert in Slack: the real Bolt app
 * against the fake Slack Web API with signed interactivity requests. The
 * form's answer reaches the customer's DM exactly once; the alert's thread
 * hears what happened.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Pulse } from "../../src/pulse.js";
import { recordAnswer } from "../../src/surveys/answers.js";
import type { FakeSlack } from "../fakes/slack-api.js";
import { type SlackHarness, startSlackHarness } from "../support/slack-harness.js";

describe("Slack: replying to a detractor", () => {
  let harness: SlackHarness;
  let fake: FakeSlack;
  let pulse: Pulse;
  let responseId: string;
  const team = { user: { id: "UTEAM" }, team: { id: "T1" }, api_app_id: "A1" };
  const toCustomer = () =>
    fake.calls.filter((c) => c.method === "chat.postMessage" && c.params.channel === "Uc4");
  const inAlertThread = () =>
    fake.calls.filter((c) => c.method === "chat.postMessage" && c.params.channel === "CALERTS");
  const submit = (text: string) =>
    harness.interact({
      type: "view_submission",
      ...team,
      view: {
        id: "V9",
        callback_id: "pulse_detractor_reply",
        private_metadata: JSON.stringify({ responseId, channel: "CALERTS", threadTs: "17.1" }),
        state: { values: { reply: { text: { type: "plain_text_input", value: text } } } },
      },
    });

  beforeAll(async () => {
    harness = await startSlackHarness();
    ({ fake, pulse } = harness);
    await pulse.db.rows(sql`update customers set slack_user_id = 'U' || id where id = 'c4'`);
    const [prompt] = await pulse.db.rows<{ id: number }>(sql`insert into survey_prompts
        (workspace_id, customer_id, kind, channel, status, sent_at)
      values ('shop', 'c4', 'csat', 'slack', 'sent', '2026-11-22T11:00:00Z') returning id`);
    await recordAnswer(pulse.db, {
      workspaceId: "shop",
      promptId: Number(prompt!.id),
      customerId: "c4",
      score: 1,
      at: new Date("2026-11-22T11:30:00Z"),
    });
    responseId = `prompt-${prompt!.id}`;
  });
  afterAll(() => harness?.close());

  it("Reply opens a form; its answer goes to the customer's DM once, and the alert's thread is told", async () => {
    await harness.interact({
      type: "block_actions",
      ...team,
      trigger_id: "trig-reply",
      channel: { id: "CALERTS", name: "alerts" },
      message: { type: "message", ts: "17.1", text: "Alert 3: survey detractor" },
      container: { type: "message", channel_id: "CALERTS", message_ts: "17.1" },
      actions: [{ type: "button", action_id: "pulse_alert_reply", value: responseId }],
    });
    await fake.waitFor((calls) => calls.some((c) => c.method === "views.open"));
    const form = fake.calls.find((c) => c.method === "views.open")!;
    expect(JSON.stringify(form.params.view)).toContain("pulse_detractor_reply");

    expect((await submit("Sorry! A new pair is on its way.")).status).toBe(200);
    await fake.waitFor(() => inAlertThread().length === 1);
    expect(inAlertThread()[0]!.params.text).toBe("Sent to customer c4 in Slack.");
    expect((await submit("Sorry! A new pair is on its way.")).status).toBe(200);
    await fake.waitFor(() => inAlertThread().length === 2);
    expect(String(inAlertThread()[1]!.params.text)).toMatch(
      /^Not sent: <@UTEAM> already replied to this customer at 2026-11-22 12:00 UTC/,
    );
    expect(toCustomer().map((c) => c.params.text)).toEqual(["Sorry! A new pair is on its way."]);
  }, 60_000);
});
