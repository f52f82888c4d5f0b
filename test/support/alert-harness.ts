/**
 * Alert tests' set-up: a Pulse on a given database with a fake clock,
 * delivering alerts to a fake Slack and a fake Bot API over HTTP.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { alertSenders } from "../../bots/alerts/start.js";
import type { Database } from "../../db/client.js";
import { createAlertCommands } from "../../src/alerts/chat-commands.js";
import { createRule, type NewRule } from "../../src/alerts/rules.js";
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
import { observe } from "../../src/observability/observe.js";
import type { Pulse } from "../../src/pulse.js";
import { createConversations } from "../../src/questions/follow-ups.js";
import { ensureWorkspace, updateWorkspace } from "../../src/workspace/workspace.js";
import { type FakeSlack, type SlackCall, startFakeSlack } from "../fakes/slack-api.js";
import { type FakeTelegram, startFakeTelegram } from "../fakes/telegram-api.js";
import { everyoneAllowed } from "./access.js";

export const WORKSPACE = "shop";

/** A Pulse whose clock the test moves. */
export type AlertPulse = Pulse & { clock: ReturnType<typeof fixedClock> };

export async function alertPulse(
  db: Database,
  slack: FakeSlack,
  start: string,
  env: Record<string, string> = {},
): Promise<AlertPulse> {
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
    access: everyoneAllowed,
    db,
    clock,
    logger,
    conversations: createConversations({ clock }),
    charts: false,
    alerts: createAlertCommands({ db, clock }),
  });
  return {
    config,
    db,
    clock,
    logger,
    workspaceId: WORKSPACE,
    ...observe(db, clock, assistant),
    close: () => db.close(),
  };
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
  open: () => Promise<Database>,
  token = "123456:alerts-test",
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

/** What an alert test file works with: chats and a database for the file, a new Pulse for each test. */
export interface AlertSuite extends AlertChats {
  pulse: AlertPulse;
}

/**
 * Registers an alert test file's hooks and returns what they fill in. The
 * chats and the database are opened once for the file (opening a database is
 * the slow part) and closed after it; before each test the fakes forget their
 * calls and messages, the `empty` tables are emptied in that order and a new
 * Pulse starts at `start`, Telegram pointed at the fake Bot API.
 */
export function alertSuite(
  open: () => Promise<Database>,
  options: { start: string; empty: readonly string[] },
): AlertSuite {
  const suite = {} as AlertSuite;
  beforeAll(async () => {
    Object.assign(suite, await openAlertChats(open));
  });
  afterAll(() => suite.close?.());
  beforeEach(async () => {
    suite.slack.calls.length = 0;
    suite.slack.posted.length = 0;
    suite.telegram.calls.length = 0;
    for (const table of options.empty)
      await suite.db.rows(sql`delete from ${sql.identifier(table)}`);
    suite.pulse = await alertPulse(suite.db, suite.slack, options.start, suite.telegramEnv);
  });
  return suite;
}

/**
 * Stores a rule as a command would, made at the Pulse's now: for Slack
 * channel C1 of U1 in the shop, on UTC, unless `rule` says otherwise.
 */
export const storeRule = (
  pulse: AlertPulse,
  rule: Pick<NewRule, "title" | "definition"> & Partial<NewRule>,
) =>
  createRule(
    pulse.db,
    {
      workspaceId: WORKSPACE,
      timezone: "UTC",
      platform: "slack",
      chatId: "C1",
      ownerId: "U1",
      ...rule,
    },
    pulse.clock.now(),
  );

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
