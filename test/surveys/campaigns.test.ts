/** Campaign audiences, the minimum interval and the schedule, on every database driver. */
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { createConfig } from "../../src/config/config.js";
import { parseAudience, queueCampaign } from "../../src/surveys/campaigns.js";
import { planScheduledSurveys } from "../../src/surveys/schedule.js";
import { drivers } from "../support/databases.js";
import { loadShop } from "../support/shop.js";

const ws = "shop";

describe("campaign audience", () => {
  it("accepts all and RFM segments by id or name, and names the choices otherwise", () => {
    expect(parseAudience("all")).toBe("all");
    expect(parseAudience("at risk")).toBe("at_risk");
    expect(parseAudience("cannot-lose-them")).toBe("cannot_lose_them");
    expect(() => parseAudience("vips")).toThrow(
      /unknown segment "vips": use all or one of champions/,
    );
  });
});

describe.each(drivers)("survey campaigns and schedule ($name)", (driver) => {
  let db: Database;
  const campaign = (now: string, audience: "all" | "champions" = "all") =>
    queueCampaign(db, {
      workspaceId: ws,
      kind: "nps",
      channel: "telegram",
      audience,
      now: new Date(now),
      timezone: "UTC",
      minIntervalDays: 30,
    });

  beforeEach(async () => {
    db = await driver.open();
    await loadShop(db);
    // c1..c4 reachable in Telegram; c4 opted out.
    await db.rows(
      sql`update customers set telegram_chat_id = '9' || id where id in ('c1', 'c2', 'c3', 'c4')`,
    );
    await db.rows(sql`update customers set survey_opt_out = true where id = 'c4'`);
  });
  afterEach(async () => {
    await db?.close();
  });

  it("queues the reachable, opted-in customers who were not asked within the minimum interval", async () => {
    // loadShop's prompts: c1 and c2 asked on 2026-10-04, c3 on 2026-09-04.
    const first = await campaign("2026-10-20T12:00:00Z");
    expect(first.queued).toBe(1); // c3 only: c1, c2 asked 16 days ago, c4 opted out
    expect((await campaign("2026-10-21T12:00:00Z")).queued).toBe(0);
    expect((await campaign("2026-11-22T12:00:00Z")).queued).toBe(2); // c1, c2 again
  });

  it("never queues a demo customer, whatever their chat id", async () => {
    await db.rows(sql`update customers set demo = true where id = 'c3'`);
    expect((await campaign("2026-10-20T12:00:00Z")).queued).toBe(0);
  });

  it("a segment narrows the audience to its RFM members", async () => {
    const result = await campaign("2026-12-30T12:00:00Z", "champions");
    expect(result.targeted).toBeLessThan(7);
    const rows = await db.rows<{ customer_id: string }>(
      sql`select customer_id from survey_prompts where origin like 'campaign:%'`,
    );
    expect(rows.length).toBe(result.queued);
  });

  it("the schedule asks CSAT after an order and NPS per period, once, under the minimum interval", async () => {
    const settings = createConfig({}).surveys;
    const [order] = await db.rows<{ at: Date | string }>(
      sql`select max(ordered_at) as at from orders where customer_id in ('c1', 'c2', 'c3')`,
    );
    const now = new Date(new Date(order!.at).getTime() + 3 * 86_400_000);
    const plan = () =>
      planScheduledSurveys(db, { workspaceId: ws, now, timezone: "UTC", settings });
    const first = await plan();
    expect(first.csat + first.nps).toBeGreaterThan(0);
    expect(await plan()).toEqual({ csat: 0, nps: 0 });
    const perCustomer = await db.rows<{
      n: number;
    }>(sql`select count(*)::int as n from survey_prompts
      where created_at = ${now.toISOString()}::timestamptz group by customer_id`);
    expect(perCustomer.every((r) => r.n === 1)).toBe(true);
  });
});
