/**
 * The Slack adapter: Bolt in HTTP mode (events, commands and interactivity at
 * POST /slack/events, signatures checked by Bolt) or Socket Mode when an app
 * token is set. Each feature registers its own listeners; an error boundary
 * logs what escapes them.
 */
import { App, LogLevel } from "@slack/bolt";
import { sql } from "drizzle-orm";
import { useRenderThreads } from "../../charts/index.js";
import type { Pulse } from "../../src/pulse.js";
import { createSlackContext } from "./context.js";
import { registerAsk } from "./features/ask.js";
import { registerButtons } from "./features/buttons.js";
import { registerHome } from "./features/home.js";

export interface SlackApp {
  app: App;
  /** Waits for every answer in flight. */
  idle(): Promise<void>;
}

export function createSlackApp(pulse: Pulse): SlackApp {
  const config = pulse.config.slack;
  if (!config.enabled) throw new Error("Slack is not configured (SLACK_BOT_TOKEN)");
  const socketMode = config.appToken !== undefined;
  const app = new App({
    token: config.botToken,
    ...(socketMode
      ? { socketMode: true, appToken: config.appToken }
      : { signingSecret: config.signingSecret! }),
    port: pulse.config.port,
    logLevel: LogLevel.WARN,
    // The token is known; skipping auth.test at start keeps start-up offline-safe.
    tokenVerificationEnabled: false,
    clientOptions: {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      // A 429 is waited out as Slack's Retry-After says; other failures retried a few times.
      retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    },
  });
  const ctx = createSlackContext(pulse);

  // Slack resends an event it thinks was lost (X-Slack-Retry-Num): one answer per event id, across processes.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string") {
      const fresh = await pulse.db.rows(
        sql`insert into slack_events (event_id) values (${eventId}) on conflict do nothing returning event_id`,
      );
      if (fresh.length === 0) return;
    }
    await next();
  });

  registerAsk(app, ctx);
  registerButtons(app, ctx);
  registerHome(app, ctx);
  app.error(async (error) => {
    pulse.logger.error({ err: error }, "Slack listener failed");
  });
  return { app, idle: () => ctx.idle() };
}

/** Starts the Slack adapter; `stop` finishes the answers in flight before closing. */
export async function startSlack(pulse: Pulse): Promise<{ stop(): Promise<void> }> {
  useRenderThreads();
  const slack = createSlackApp(pulse);
  await slack.app.start();
  return {
    async stop() {
      await slack.idle();
      await slack.app.stop();
    },
  };
}
