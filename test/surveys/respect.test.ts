/**
 * Prompts respect the customer: an unsent prompt expires instead of going out
 * late, and nothing is sent in the customer's local quiet hours. Through the
 * real Telegram transport against the fake Bot API, on every database driver.
 */
import { sql } from "drizzle-orm";
import { Api } from "grammy";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { telegramSurveyTransport } from "../../bots/telegram/survey-transport.js";
import type { Database } from "../../db/client.js";
import { fixedClock } from "../../src/clock.js";
import { createLogger } from "../../src/logger.js";
import { campaignProgress, queueCampaign } from "../../src/surveys/campaigns.js";
import { createSurveySender, type SurveySenderOptions } from "../../src/surveys/delivery.js";
import type { SurveyKind } from "../../src/surveys/kinds.js";
import { createWording } from "../../src/surveys/texts.js";
import { type FakeTelegram, startFakeTelegram } from "../fakes/telegram-api.js";
import { drivers } from "../support/databases.js";
import { chatOf, seedLinkedCustomers } from "../support/survey-customers.js";

const token = "123456:RESPECT-token";
const ws = "shop";

describe.each(drivers)("survey prompts respect the customer ($name)", (driver) => {
  let db: Database;
  let fake: FakeTelegram;
  const clock = fixedClock("2026-11-22T12:00:00Z");
  const sentTo = () =>
    fake.calls
      .filter((c) => c.method.startsWith("send") && c.status === 200)
      .map((c) => String(c.params.chat_id));
  const sender = (options: Partial<SurveySenderOptions> = {}) =>
    createSurveySender({
      db,
      workspaceId: ws,
      transport: telegramSurveyTransport(new Api(token, { apiRoot: fake.apiRoot })),
      wording: createWording("Shop"),
      clock,
      logger: createLogger("silent"),
      ...options,
    });
  const campaign = (kind: SurveyKind) =>
    queueCampaign(db, {
      workspaceId: ws,
      kind,
      channel: "telegram",
      audience: "all",
      now: clock.now(),
      timezone: "UTC",
      minIntervalDays: 0,
    });

  beforeAll(async () => {
    fake = await startFakeTelegram(token);
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(async () => {
    db = await driver.open();
    fake.calls.length = 0;
    clock.set("2026-11-22T12:00:00Z");
  });
  afterEach(async () => {
    await db?.close();
  });

  it("a CSAT not sent within its expiry is dropped as expired, never sent late; an NPS within its own goes", async () => {
    await seedLinkedCustomers(db, ws, 1);
    const first = await campaign("csat");
    clock.set("2026-11-26T12:00:00Z"); // 4 days later: past the CSAT's 3
    const stats = await sender({ expireDays: { csat: 3, ces: 3, nps: 14 } }).drain();
    expect(stats).toMatchObject({ sent: 0, expired: 1 });
    expect(sentTo()).toEqual([]);
    const rows = await db.rows<{ status: string; error: string }>(
      sql`select status, error from survey_prompts`,
    );
    expect(rows).toEqual([{ status: "cancelled", error: "expired: not sent within 3 days" }]);
    expect(await campaignProgress(db, ws, first.campaignId)).toEqual({ expired: 1 });

    await campaign("nps");
    clock.set("2026-12-06T12:00:00Z"); // 10 days later: within the NPS's 14
    expect(await sender({ expireDays: { csat: 3, ces: 3, nps: 14 } }).drain()).toMatchObject({
      sent: 1,
      expired: 0,
    });
  });

  it("sends in the customer's local daytime: their country's zone, else their locale's, and waits out the quiet hours", async () => {
    await seedLinkedCustomers(db, ws, 3);
    // 12:00 UTC: 14:00 in Helsinki, 07:00 in New York, 15:30 in Tehran (locale fa, no country).
    await db.rows(sql`update customers set country = 'FI' where id = 'k1'`);
    await db.rows(sql`update customers set country = 'US' where id = 'k2'`);
    await db.rows(sql`update customers set locale = 'fa' where id = 'k3'`);
    await campaign("nps");
    const quiet = { quietHours: { from: 21, to: 9 } };
    const first = await sender(quiet).drain();
    expect(first).toMatchObject({ sent: 2, deferred: 1 });
    expect(sentTo().sort()).toEqual([chatOf(1), chatOf(3)]);
    const [waiting] = await db.rows<{ status: string; not_before: Date | string }>(
      sql`select status, not_before from survey_prompts where customer_id = 'k2'`,
    );
    expect(waiting!.status).toBe("pending");
    // 9:00 in New York.
    expect(new Date(waiting!.not_before).toISOString()).toBe("2026-11-22T14:00:00.000Z");

    clock.set("2026-11-22T13:59:00Z");
    expect((await sender(quiet).drain()).sent).toBe(0);
    clock.set("2026-11-22T14:00:00Z");
    expect((await sender(quiet).drain()).sent).toBe(1);
    expect(sentTo().sort()).toEqual([chatOf(1), chatOf(2), chatOf(3)]);
  });

  it("a customer whose country and locale say nothing is read in the workspace's zone", async () => {
    await seedLinkedCustomers(db, ws, 1);
    await campaign("nps");
    // 12:00 UTC is 23:00 in Sydney.
    const stats = await sender({
      quietHours: { from: 21, to: 9 },
      timezone: "Australia/Sydney",
    }).drain();
    expect(stats).toMatchObject({ sent: 0, deferred: 1 });
  });

  it("a Persian customer's NPS buttons are in Persian digits, the callback data in ASCII", async () => {
    await seedLinkedCustomers(db, ws, 1, { locale: "fa" });
    await campaign("nps");
    await sender().drain();
    const [message] = fake.calls.filter((c) => c.method === "sendMessage");
    const markup = (
      typeof message!.params.reply_markup === "string"
        ? JSON.parse(message!.params.reply_markup)
        : message!.params.reply_markup
    ) as { inline_keyboard: { text: string; callback_data: string }[][] };
    const buttons = markup.inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual([
      "۰",
      "۱",
      "۲",
      "۳",
      "۴",
      "۵",
      "۶",
      "۷",
      "۸",
      "۹",
      "۱۰",
    ]);
    expect(buttons.at(-1)!.callback_data).toMatch(/^sv:\d+:10$/);
  });
});
