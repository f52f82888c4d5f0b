/**
 * The Slack adapter as tests drive it: a fake Slack Web API, Pulse on an
 * embedded database (clock fixed on 2026-11-22, the shop loaded unless told
 * otherwise), the real Bolt app listening on a free port, and signed
 * requests to its POST /slack/events.
 */
import { createSlackApp, type SlackApp, slackIdentity } from "../../bots/slack/app.js";
import { fixedClock } from "../../src/clock.js";
import { createConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { openPulse } from "../../src/open-pulse.js";
import type { Pulse } from "../../src/pulse.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-api.js";
import { inMemory } from "./databases.js";
import { loadShop } from "./shop.js";
import { freePort, postToSlack, type SlackRequestOptions } from "./slack-requests.js";

export const signingSecret = "test-signing-secret";

export interface SlackPulse {
  fake: FakeSlack;
  pulse: Pulse;
  port: number;
  /** Posts a signed body (a form by default) as Slack would. */
  post(body: string, options?: SlackRequestOptions): ReturnType<typeof postToSlack>;
  /** An interactivity payload: a button, a modal submission, a shortcut. */
  interact(payload: Record<string, unknown>): ReturnType<typeof postToSlack>;
  /** An Events API callback around `inner` (a mention, a message), with a fresh event id unless given. */
  event(
    inner: Record<string, unknown>,
    options?: { eventId?: string; retry?: number },
  ): ReturnType<typeof postToSlack>;
  /** A channel message mentioning Pulse before `text`, as an app_mention event. */
  mention(text: string, at: MessagePlace): ReturnType<typeof postToSlack>;
  /** A channel message without a mention (in a thread when `at` has thread_ts). */
  message(text: string, at: MessagePlace): ReturnType<typeof postToSlack>;
  /** A direct message to Pulse, in the DM channel `at.channel`. */
  direct(text: string, at: MessagePlace & { channel: string }): ReturnType<typeof postToSlack>;
  close(): Promise<void>;
}

/** Where a message is written: at `ts`, by U1 in C1 unless told otherwise. */
export interface MessagePlace {
  ts: string;
  thread_ts?: string;
  channel?: string;
  user?: string;
}

export interface SlackPulseOptions {
  /** Extra or overriding environment (SLACK_APP_TOKEN for Socket Mode, survey wording...). */
  env?: Record<string, string>;
  /** Load the shop fixture (default true). */
  shop?: boolean;
  charts?: boolean;
  /** The fixed time the assistant reads (default 2026-11-22 12:00 UTC, the shop's). */
  now?: Date;
}

/** The fake Slack API and a Pulse configured for it; the app is not started. */
export async function openSlackPulse(options: SlackPulseOptions = {}): Promise<SlackPulse> {
  const fake = await startFakeSlack();
  const port = await freePort();
  const config = createConfig({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: fake.apiUrl,
    PORT: String(port),
    PULSE_WORKSPACE: "shop",
    ...options.env,
  });
  const pulse = await openPulse(
    { ...config, database: inMemory() },
    {
      clock: fixedClock(options.now ?? "2026-11-22T12:00:00Z"),
      logger: createLogger("silent"),
      charts: options.charts ?? true,
    },
  );
  if (options.shop ?? true) await loadShop(pulse.db);
  const post = (body: string, requestOptions?: SlackRequestOptions) =>
    postToSlack(port, signingSecret, body, requestOptions);
  let events = 0;
  const event: SlackPulse["event"] = (inner, eventOptions = {}) =>
    post(
      JSON.stringify({
        type: "event_callback",
        team_id: "T1",
        api_app_id: "A1",
        event_id: eventOptions.eventId ?? `Ev${++events}`,
        event_time: 1,
        event: inner,
      }),
      { contentType: "application/json", retry: eventOptions.retry },
    );
  const placed = ({ user = "U1", channel = "C1", ...at }: MessagePlace) => ({
    user,
    channel,
    ...at,
  });
  return {
    fake,
    pulse,
    port,
    post,
    interact: (payload) =>
      post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString()),
    event,
    mention: (text, at) => event({ type: "app_mention", text: `<@UPULSE> ${text}`, ...placed(at) }),
    message: (text, at) => event({ type: "message", channel_type: "channel", text, ...placed(at) }),
    direct: (text, at) => event({ type: "message", channel_type: "im", text, ...placed(at) }),
    async close() {
      await pulse.close();
      await fake.close();
    },
  };
}

export interface SlackHarness extends SlackPulse {
  slack: SlackApp;
}

/** `openSlackPulse` with the Bolt app created as `pulse serve` does and started. */
export async function startSlackHarness(options: SlackPulseOptions = {}): Promise<SlackHarness> {
  const base = await openSlackPulse(options);
  const slack = createSlackApp(base.pulse, await slackIdentity(base.pulse));
  await slack.app.start();
  return {
    ...base,
    slack,
    async close() {
      await slack.idle();
      await slack.app.stop();
      await base.close();
    },
  };
}
