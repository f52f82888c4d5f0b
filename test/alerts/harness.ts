/** A Pulse on a given database with a fake clock, delivering alerts to a fake Slack over HTTP. */

import { alertSenders } from "../../bots/alerts/start.js";
import type { Database } from "../../db/client.js";
import { createAlertCommands } from "../../src/alerts/chat-commands.js";
import {
  createScheduler,
  type Scheduler,
  type SchedulerOptions,
} from "../../src/alerts/scheduler.js";
import type { AlertSenders } from "../../src/alerts/types.js";
import { createAssistant } from "../../src/assistant/assistant.js";
import { fixedClock } from "../../src/clock.js";
import { createConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import type { Pulse } from "../../src/pulse.js";
import { createConversations } from "../../src/questions/follow-ups.js";
import { ensureWorkspace, updateWorkspace } from "../../src/workspace/workspace.js";
import { type FakeSlack, type SlackCall, startFakeSlack } from "../fakes/slack-api.js";
import { type FakeTelegram, startFakeTelegram } from "../fakes/telegram-api.js";

export const WORKSPACE = "shop";

export async function alertPulse(
  db: Database,
  slack: FakeSlack,
  start: string,
  env: Record<string, string> = {},
): Promise<Pulse & { clock: ReturnType<typeof fixedClock> }> {
  const clock = fixedClock(start);
  const config = createConfig({
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: "secret",
    SLACK_API_URL: slack.apiUrl,
    PULSE_WORKSPACE: WORKSPACE,
    ...env,
  });
  const logger = createLogger("silent");
  await ensureWorkspace(db, WORKSPACE);
  const assistant = createAssistant({
    db,
    clock,
    logger,
    conversations: createConversations({ clock }),
    charts: false,
    alerts: createAlertCommands({ db, clock }),
  });
  return { config, db, clock, logger, workspaceId: WORKSPACE, assistant, close: () => db.close() };
}

/** What an alert test delivers to, on a database of its own: a fake Slack and a fake Bot API. */
export interface AlertChats {
  slack: FakeSlack;
  telegram: FakeTelegram;
  db: Database;
  /** The Telegram half of a Pulse's environment, pointed at the fake Bot API. */
  telegramEnv: Record<string, string>;
  close(): Promise<void>;
}

export async function openAlertChats(
  token: string,
  open: () => Promise<Database>,
): Promise<AlertChats> {
  const slack = await startFakeSlack();
  const telegram = await startFakeTelegram(token);
  const db = await open();
  return {
    slack,
    telegram,
    db,
    telegramEnv: { TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: telegram.apiRoot },
    async close() {
      await db.close();
      await telegram.close();
      await slack.close();
    },
  };
}

export function schedulerOf(
  pulse: Pulse,
  options: SchedulerOptions = {},
  senders: AlertSenders = alertSenders(pulse),
): Scheduler {
  return createScheduler({
    db: pulse.db,
    clock: pulse.clock,
    logger: pulse.logger,
    assistant: pulse.assistant,
    senders,
    options,
  });
}

export const setZone = (db: Database, timezone: string) =>
  updateWorkspace(db, WORKSPACE, { timezone });

/** The alert headings posted to a channel (messages carrying alert metadata, outside a thread). */
export const alertPosts = (calls: SlackCall[], channel?: string) =>
  calls.filter(
    (c) =>
      c.method === "chat.postMessage" &&
      c.params.metadata !== undefined &&
      c.params.thread_ts === undefined &&
      (channel === undefined || c.params.channel === channel),
  );

/** The answers posted in alert threads. */
export const threadPosts = (calls: SlackCall[], channel?: string) =>
  calls.filter(
    (c) =>
      c.method === "chat.postMessage" &&
      c.params.thread_ts !== undefined &&
      (channel === undefined || c.params.channel === channel),
  );

/** Says something in a chat as a user would: through the assistant. */
export const say = (pulse: Pulse, text: string, chatId = "C1", userId = "U1") =>
  pulse.assistant.ask({
    conversationId: chatId,
    text,
    asker: { workspaceId: WORKSPACE, platform: "slack", userId, chatId, isDirect: false },
  });
