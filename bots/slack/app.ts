/**
 * The Slack adapter: Bolt in HTTP mode (events, commands and interactivity at
 * POST /slack/events, signatures checked by Bolt) or Socket Mode when an app
 * token is set. Each feature registers its own listeners; an error boundary
 * logs what escapes them.
 */
import { App, LogLevel, webApi } from "@slack/bolt";
import { claimEvent } from "../../src/deliveries/events.js";
import { ConfigError, ServiceUnreachableError } from "../../src/errors.js";
import type { Pulse } from "../../src/pulse.js";
import { boltOpsRoutes } from "../ops/routes.js";
import { meteredFetch } from "./api-telemetry.js";
import { slackClient, slackConfig } from "./client.js";
import { createSlackContext } from "./context.js";
import { registerAlertButtons } from "./features/alert-buttons.js";
import { registerAlertModal } from "./features/alert-modal.js";
import { registerAsk } from "./features/ask.js";
import { registerButtons } from "./features/buttons.js";
import { registerHome } from "./features/home.js";
import { registerSurvey } from "./features/survey.js";
import { boltLogger } from "./logger.js";
import { slackReceiver } from "./receiver.js";

export interface SlackApp {
  app: App;
  /** Waits for every answer in flight. */
  idle(): Promise<void>;
}

/** The bot's own ids, as auth.test tells them. */
export interface SlackIdentity {
  botId: string;
  botUserId: string;
}

/** Tries of auth.test before an unreachable Slack API stops Pulse at start (WebClient's default retries for half an hour). */
export const SLACK_REACH_RETRIES = 3;

/** Asks Slack who the bot is (auth.test), once: a bad token or an API out of reach stops Pulse at start. */
export async function slackIdentity(pulse: Pulse): Promise<SlackIdentity> {
  const client = slackClient(pulse, {
    retryConfig: { retries: SLACK_REACH_RETRIES, factor: 2, minTimeout: 500, maxTimeout: 2000 },
  });
  try {
    const auth = await client.auth.test();
    return { botId: auth.bot_id!, botUserId: auth.user_id! };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if ((error as { code?: unknown }).code === webApi.ErrorCode.PlatformError)
      throw new ConfigError(`Slack did not accept SLACK_BOT_TOKEN (auth.test: ${reason})`);
    const apiUrl = slackConfig(pulse).apiUrl;
    throw new ServiceUnreachableError(
      `Slack API at ${apiUrl ?? "https://slack.com/api/"} unreachable after ${SLACK_REACH_RETRIES + 1} tries (${reason}); check the network${apiUrl ? " or SLACK_API_URL" : ""}, or unset SLACK_BOT_TOKEN to run without Slack`,
      { cause: error },
    );
  }
}

/**
 * What makes an event the same event: the message it carries (one message can come under two
 * event ids), or else its event id; null for what is not an event (commands, buttons).
 */
function eventKey(body: unknown): string | null {
  const { event_id: eventId, event } = body as {
    event_id?: unknown;
    event?: { type?: unknown; subtype?: unknown; channel?: unknown; ts?: unknown };
  };
  if (typeof eventId !== "string") return null;
  if (
    event &&
    (event.type === "message" || event.type === "app_mention") &&
    event.subtype === undefined &&
    typeof event.channel === "string" &&
    typeof event.ts === "string"
  )
    return `${event.type}:${event.channel}:${event.ts}`;
  return eventId;
}

export function createSlackApp(pulse: Pulse, identity: SlackIdentity): SlackApp {
  const config = slackConfig(pulse);
  const socketMode = config.appToken !== undefined;
  const logger = boltLogger(pulse.logger);
  const app = new App({
    token: config.botToken,
    ...(socketMode
      ? {
          socketMode: true,
          appToken: config.appToken,
          // The Socket Mode client opens its connection (apps.connections.open) with its own Web API client.
          ...(config.apiUrl
            ? { installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } } }
            : {}),
        }
      : {
          receiver: slackReceiver({
            signingSecret: config.signingSecret!,
            port: pulse.config.port,
            logger,
            ...(pulse.config.ops.on === "slack" ? { customRoutes: boltOpsRoutes(pulse) } : {}),
          }),
        }),
    port: pulse.config.port,
    logger,
    logLevel: LogLevel.WARN,
    // Without the bot's ids Bolt calls auth.test before every request it handles, a Slack
    // round trip in front of each ack; slackIdentity asked once at start.
    ...identity,
    tokenVerificationEnabled: false,
    clientOptions: {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      fetch: meteredFetch(pulse.telemetry),
      // A 429 is waited out as Slack's Retry-After says; other failures retried a few times.
      retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    },
  });
  const ctx = createSlackContext(pulse, app.client);
  // Bolt acks an event before its listeners run: idle() waits for a request from its arrival.
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => ctx.watch(processEvent(event));

  // Slack resends an event it thinks was lost (X-Slack-Retry-Num): one answer per event, across
  // processes, and a resend answered when the process that claimed it died before answering.
  app.use(async ({ body, next }) => {
    const key = eventKey(body);
    if (key === null) return next();
    const claim = await claimEvent(pulse.db, key);
    if (claim) await ctx.claimed(claim, next);
  });

  registerAsk(app, ctx);
  registerButtons(app, ctx);
  registerHome(app, ctx);
  registerSurvey(app, ctx);
  registerAlertButtons(app, ctx);
  registerAlertModal(app, ctx);
  app.error(async (error) => {
    pulse.logger.error({ err: error }, "Slack listener failed");
  });
  return { app, idle: () => ctx.idle() };
}

/** Starts the Slack adapter; `stop` finishes the answers in flight before closing. */
export async function startSlack(pulse: Pulse): Promise<{ stop(): Promise<void> }> {
  const slack = createSlackApp(pulse, await slackIdentity(pulse));
  await slack.app.start();
  return {
    async stop() {
      await slack.idle();
      await slack.app.stop();
    },
  };
}
