/**
 * A campaign's report, every number checked by hand on the fixture of
 * test/support/survey-campaigns.ts; asked with `pulse survey report`'s
 * function, and in a Telegram chat through the fake Bot API.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { campaignReport, campaignReportText, parseCampaignName } from "../../src/surveys/report.js";
import { drivers } from "../support/databases.js";
import { novemberCampaign, seedCampaigns } from "../support/survey-campaigns.js";
import { startTelegramHarness, type TelegramHarness } from "../support/telegram-harness.js";

const ws = "shop";
const now = new Date("2026-11-29T12:00:00Z");

/**
 * Sent 5 of 6 (a6 expired); answered 4 (a4 through the reminder): 4/5 = 80.0%.
 * NPS: promoters a1 (10), a4 (9); passive a3 (7); detractor a2 (3): 100 * (2 - 1) / 4 = +25.
 * October: a1 9, a2 5, a3 4: 100 * (1 - 2) / 3 = -33.3; the change +58.3.
 * basic: a1, a2, a5 sent, a1 10 and a2 3 answered: 2/3 = 66.7%, NPS 100 * (1 - 1) / 2 = 0.
 * pro: a3, a4 sent (a6 expired), 7 and 9: 2/2, NPS 100 * (1 - 0) / 2 = +50.
 * telegram: a1, a2, a4, a5 sent, 10, 3, 9: 3/4 = 75.0%, NPS 100 * (2 - 1) / 3 = +33.
 * slack: a3, 7: 1/1, NPS 0.
 * English: a1, a3, a4, a5 sent, 10, 7, 9: 3/4, NPS 100 * 2 / 3 = +67. Finnish: a2, 3: 1/1, -100.
 * Negative comments: a2's (-0.6, delivery), a3's (-0.4, price and delivery).
 */
const expected = [
  "NPS campaign 11f0c2d4 of 3 Nov 2026: 5 sent of 6 queued (1 expired unsent), 4 answered: a response rate of 80.0%.",
  "NPS +25 (2 promoters, 1 passive, 1 detractor), up 58 from -33 in the campaign of 2 Oct 2026.",
  "By plan: basic 2/3 answered (66.7%), NPS 0; pro 2/2 answered (100.0%), NPS +50.",
  "By channel: telegram 3/4 answered (75.0%), NPS +33; slack 1/1 answered (100.0%), NPS 0.",
  "By language: English 3/4 answered (75.0%), NPS +67; Finnish 1/1 answered (100.0%), NPS -100.",
  "Top complaint themes, from 2 negative comments:",
  '1. delivery: 2, e.g. "Toimitus myöhästyi taas" (Finnish)',
  '2. price: 1, e.g. "Too expensive and the delivery was late"',
].join("\n");

describe("campaign names", () => {
  it("are read as an id, its first characters, or a kind and a month", () => {
    expect(parseCampaignName("11f0c2d4")).toEqual({ by: "id", prefix: "11f0c2d4" });
    expect(parseCampaignName("how did the November NPS campaign go?")).toEqual({
      by: "month",
      kind: "nps",
      month: null,
      monthIndex: 10,
    });
    expect(parseCampaignName("csat 2026-10")).toMatchObject({ kind: "csat", month: "2026-10" });
    expect(parseCampaignName("how did the campaign go?")).toBeNull();
  });
});

describe.each(drivers)("campaign report ($name)", (driver) => {
  let db: Database;
  beforeEach(async () => {
    db = await driver.open();
    await seedCampaigns(db, ws);
  });
  afterEach(async () => {
    await db?.close();
  });
  const report = (text: string) =>
    campaignReport(db, { workspaceId: ws, name: parseCampaignName(text)!, now, timezone: "UTC" });

  it("gives sent, answered, response rate, the score and its change, the splits and the complaint themes", async () => {
    const byMonth = await report("november nps");
    expect("error" in byMonth ? byMonth.error : campaignReportText(byMonth)).toBe(expected);
    const byId = await report(novemberCampaign.slice(0, 6));
    expect("error" in byId ? byId.error : campaignReportText(byId)).toBe(expected);
  });

  it("says when no campaign of that kind was queued that month, and when the last one was", async () => {
    expect(await report("how did the september nps campaign go")).toEqual({
      error: "No NPS campaign was queued in September 2026; the last was on 3 Nov 2026.",
    });
  });
});

describe("the campaign report in a Telegram chat", () => {
  let harness: TelegramHarness;
  const from = { id: 801, is_bot: false, first_name: "Ann" };
  const chat = { id: 801, type: "private", first_name: "Ann" };
  beforeAll(async () => {
    harness = await startTelegramHarness({
      env: { PULSE_WORKSPACE: ws },
      now,
      allow: [{ platform: "telegram", kind: "user", subject: String(from.id) }],
    });
    await seedCampaigns(harness.pulse.db, ws);
  }, 180_000);
  afterAll(() => harness?.close());

  it('answers "how did the November NPS campaign go?" with the report', async () => {
    const fake = harness.fake;
    fake.pushUpdate({
      message: {
        message_id: 1,
        date: 1,
        chat,
        from,
        text: "how did the November NPS campaign go?",
      },
    });
    const texts = () =>
      fake.calls
        .filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chat.id)
        .map((c) => String(c.params.text));
    await fake.waitFor(() => texts().length > 0, 60_000);
    expect(texts()[0]).toBe(expected);
  }, 90_000);
});
