/** The Slack modal for alerts, through the real Bolt app with signed requests and a fake Slack Web API. */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackApp, type SlackApp, slackIdentity } from "../../bots/slack/app.js";
import { listRules } from "../../src/alerts/rules.js";
import { fixedClock } from "../../src/clock.js";
import { createConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { openPulse } from "../../src/open-pulse.js";
import type { Pulse } from "../../src/pulse.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-api.js";
import { freePort } from "../support/slack-requests.js";

const secret = "modal-secret";

describe("the Slack alert modal", () => {
  let fake: FakeSlack;
  let pulse: Pulse;
  let slack: SlackApp;
  let port: number;

  /** Posts an interaction payload signed like Slack; answers status and body. */
  const interact = async (payload: Record<string, unknown>) => {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`,
      },
      body,
    });
    return { status: response.status, text: await response.text() };
  };
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
      { clock: fixedClock("2026-11-22T12:00:00Z"), logger: createLogger("silent"), charts: false },
    );
    slack = createSlackApp(pulse, await slackIdentity(pulse));
    await slack.app.start();
  });
  afterAll(async () => {
    await slack?.idle();
    await slack?.app.stop();
    await pulse?.close();
    await fake?.close();
  });

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
