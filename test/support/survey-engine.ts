/**
 * The survey delivery engine as tests drive it: the real Telegram transport
 * (grammY's Api) against the fake Bot API over HTTP, a fixed clock, and a
 * new database for each test.
 */
import { Api } from "grammy";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { telegramSurveyTransport } from "../../bots/telegram/survey-transport.js";
import type { Database } from "../../db/client.js";
import { fixedClock } from "../../src/clock.js";
import { createLogger } from "../../src/logger.js";
import {
  createSurveySender,
  type SurveySender,
  type SurveySenderOptions,
} from "../../src/surveys/delivery.js";
import type { SurveyKind } from "../../src/surveys/kinds.js";
import { createWording } from "../../src/surveys/texts.js";
import type { SurveyTransport } from "../../src/surveys/transport.js";
import { type FakeTelegram, startFakeTelegram, type TelegramCall } from "../fakes/telegram-api.js";
import { queueSurveyOfAll } from "./survey-customers.js";

const token = "123456:SURVEY-token";
const start = "2026-11-22T12:00:00Z";
const SURVEY_WORKSPACE = "shop";

export interface SurveyEngine {
  /** A new database for each test. */
  db: Database;
  /** The fake Bot API, for the file; it forgets its calls before each test. */
  fake: FakeTelegram;
  /** The real Telegram transport, pointed at the fake. */
  transport: SurveyTransport;
  /** Back at 2026-11-22 12:00 UTC before each test. */
  clock: ReturnType<typeof fixedClock>;
  /** A sender for the shop through the transport, with the shop's wording, unless `options` say otherwise. */
  sender(options?: Partial<SurveySenderOptions>): SurveySender;
  /** Queues a survey of every customer over Telegram, now, in UTC. */
  campaign(kind?: SurveyKind): ReturnType<typeof queueSurveyOfAll>;
  /** The sends the fake accepted. */
  delivered(): TelegramCall[];
}

/** Registers a survey delivery test file's hooks and returns what they fill in. */
export function surveyEngine(open: () => Promise<Database>): SurveyEngine {
  const clock = fixedClock(start);
  const engine: SurveyEngine = {
    clock,
    sender: (options = {}) =>
      createSurveySender({
        db: engine.db,
        workspaceId: SURVEY_WORKSPACE,
        transport: engine.transport,
        wording: createWording("Shop"),
        clock,
        logger: createLogger("silent"),
        ...options,
      }),
    campaign: (kind = "nps") =>
      queueSurveyOfAll(engine.db, SURVEY_WORKSPACE, { kind, now: clock.now(), minIntervalDays: 0 }),
    delivered: () =>
      engine.fake.calls.filter((c) => c.method.startsWith("send") && c.status === 200),
  } as SurveyEngine;
  beforeAll(async () => {
    engine.fake = await startFakeTelegram(token);
    engine.transport = telegramSurveyTransport(new Api(token, { apiRoot: engine.fake.apiRoot }));
  });
  afterAll(() => engine.fake?.close());
  beforeEach(async () => {
    engine.db = await open();
    engine.fake.calls.length = 0;
    clock.set(start);
  });
  afterEach(() => engine.db?.close());
  return engine;
}
