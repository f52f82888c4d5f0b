/**
 * Prompts respect the customer: an unsent prompt expires instead of going out
 * late, and nothing is sent in the customer's local quiet hours. Through the
 * real Telegram transport against the fake Bot API, on every database driver.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { campaignProgress } from "../../src/surveys/campaigns.js";
import { drivers } from "../support/databases.js";
import { chatOf, seedLinkedCustomers } from "../support/survey-customers.js";
import { surveyEngine } from "../support/survey-engine.js";

const ws = "shop";

describe.each(drivers)("survey prompts respect the customer ($name)", (driver) => {
  const engine = surveyEngine(() => driver.open());
  const { clock, sender, campaign } = engine;
  const sentTo = () => engine.delivered().map((c) => String(c.params.chat_id));

  it("a CSAT not sent within its expiry is dropped as expired, never sent late; an NPS within its own goes", async () => {
    await seedLinkedCustomers(engine.db, ws, 1);
    const first = await campaign("csat");
    clock.set("2026-11-26T12:00:00Z"); // 4 days later: past the CSAT's 3
    const stats = await sender({ expireDays: { csat: 3, ces: 3, nps: 14 } }).drain();
    expect(stats).toMatchObject({ sent: 0, expired: 1 });
    expect(sentTo()).toEqual([]);
    const rows = await engine.db.rows<{ status: string; error: string }>(
      sql`select status, error from survey_prompts`,
    );
    expect(rows).toEqual([{ status: "cancelled", error: "expired: not sent within 3 days" }]);
    expect(await campaignProgress(engine.db, ws, first.campaignId)).toEqual({ expired: 1 });

    await campaign("nps");
    clock.set("2026-12-06T12:00:00Z"); // 10 days later: within the NPS's 14
    expect(await sender({ expireDays: { csat: 3, ces: 3, nps: 14 } }).drain()).toMatchObject({
      sent: 1,
      expired: 0,
    });
  });

  it("sends in the customer's local daytime: their country's zone, else their locale's, and waits out the quiet hours", async () => {
    await seedLinkedCustomers(engine.db, ws, 3);
    // 12:00 UTC: 14:00 in Helsinki, 07:00 in New York, 15:30 in Tehran (locale fa, no country).
    await engine.db.rows(sql`update customers set country = 'FI' where id = 'k1'`);
    await engine.db.rows(sql`update customers set country = 'US' where id = 'k2'`);
    await engine.db.rows(sql`update customers set locale = 'fa' where id = 'k3'`);
    await campaign("nps");
    const quiet = { quietHours: { from: 21, to: 9 } };
    const first = await sender(quiet).drain();
    expect(first).toMatchObject({ sent: 2, deferred: 1 });
    expect(sentTo().sort()).toEqual([chatOf(1), chatOf(3)]);
    const [waiting] = await engine.db.rows<{ status: string; not_before: Date | string }>(
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
    await seedLinkedCustomers(engine.db, ws, 1);
    await campaign("nps");
    // 12:00 UTC is 23:00 in Sydney.
    const stats = await sender({
      quietHours: { from: 21, to: 9 },
      timezone: "Australia/Sydney",
    }).drain();
    expect(stats).toMatchObject({ sent: 0, deferred: 1 });
  });

  it("a Persian customer's NPS buttons are in Persian digits, the callback data in ASCII", async () => {
    await seedLinkedCustomers(engine.db, ws, 1, { locale: "fa" });
    await campaign("nps");
    await sender().drain();
    const [message] = engine.fake.calls.filter((c) => c.method === "sendMessage");
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
