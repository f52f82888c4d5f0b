/**
 * Socket Mode (SLACK_APP_TOKEN, no public URL): the real Bolt app opens its
 * connection through the fake Web API (apps.connections.open) and takes
 * envelopes from a local WebSocket server, acking each before it answers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackApp, type SlackApp, slackIdentity } from "../../bots/slack/app.js";
import type { FakeSlack } from "../fakes/slack-api.js";
import { type FakeSocketMode, startFakeSocketMode } from "../fakes/slack-socket.js";
import { openSlackPulse, type SlackPulse } from "../support/slack-harness.js";

describe("Slack in Socket Mode", () => {
  let socket: FakeSocketMode;
  let base: SlackPulse;
  let fake: FakeSlack;
  let slack: SlackApp;

  beforeAll(async () => {
    socket = await startFakeSocketMode();
    base = await openSlackPulse({ env: { SLACK_APP_TOKEN: "xapp-test-token" } });
    fake = base.fake;
    fake.socketModeUrl = socket.url;
    slack = createSlackApp(base.pulse, await slackIdentity(base.pulse));
    await slack.app.start();
    await socket.connected();
  });
  afterAll(async () => {
    await slack?.idle();
    await slack?.app.stop();
    await base?.close();
    await socket?.close();
  });

  it("opens its connection through apps.connections.open with the app token", () => {
    expect(fake.calls.some((c) => c.method === "apps.connections.open")).toBe(true);
  });

  it("acks a slash command envelope and answers in the channel's thread with the chart", async () => {
    const { ackMs } = await socket.push("slash_commands", {
      command: "/pulse",
      text: "what was churn last month?",
      channel_id: "C9",
      user_id: "U1",
      team_id: "T1",
      trigger_id: "1",
    });
    expect(ackMs).toBeLessThan(3000);
    await fake.waitFor((calls) =>
      calls.some(
        (c) => c.method === "files.completeUploadExternal" && c.params.channel_id === "C9",
      ),
    );
    const answer = fake.calls.find(
      (c) => c.method === "chat.postMessage" && c.params.channel === "C9" && c.params.thread_ts,
    );
    expect(answer!.params.text).toBe("Churn rate in October 2026: 75.0%.");
  });

  it("acks an event envelope and answers a mention in its thread", async () => {
    await socket.push("events_api", {
      type: "event_callback",
      team_id: "T1",
      api_app_id: "A1",
      event_id: "EvSocket1",
      event_time: 1,
      event: {
        type: "app_mention",
        user: "U1",
        text: "<@UPULSE> orders last month",
        ts: "300.1",
        channel: "C9",
      },
    });
    await fake.waitFor((calls) =>
      calls.some((c) => c.method === "chat.postMessage" && c.params.thread_ts === "300.1"),
    );
    const answer = fake.calls.find(
      (c) => c.method === "chat.postMessage" && c.params.thread_ts === "300.1",
    );
    expect(answer!.params.text).toContain("Orders in October 2026: 4");
  });
});
