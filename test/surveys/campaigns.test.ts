/** Campaign audiences, the minimum interval and the schedule, on every database driver. */
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { createConfig } from "../../src/config/config.js";
import { parseAudience, queueCampaign } from "../../src/surveys/campaigns.js";
import { planReminders, planScheduledSurveys } from "../../src/surveys/schedule.js";
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
  const base = {
    workspaceId: ws,
    kind: "nps" as const,
    channel: "telegram" as const,
    audience: "all" as const,
    timezone: "UTC",
    minIntervalDays: 30,
  };
  const campaign = (now: string, audience: "all" | "champions" = "all") =>
    queueCampaign(db, { ...base, audience, now: new Date(now) });

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

  it("queues the reachable, opted-in customers neither asked nor answering within the minimum interval", async () => {
    // loadShop's prompts: c1 and c2 asked on 2026-10-04, c3 on 2026-09-04; c3 answered (imported) on 2026-10-07.
    const first = await campaign("2026-10-20T12:00:00Z");
    expect(first.queued).toBe(0);
    expect(first.skipped).toEqual({
      "asked recently": 2,
      "answered recently": 1,
      "opted out": 1,
      "not reachable": 3,
    });
    const later = await campaign("2026-11-22T12:00:00Z");
    expect(later.queued).toBe(3); // c1, c2, c3 again
    expect((await campaign("2026-11-23T12:00:00Z")).skipped["question already waiting"]).toBe(3);
  });

  it("does not ask a customer who answered by import 10 days ago, whatever the channel", async () => {
    // c5 answered on 2026-10-08 (imported, no prompt of ours) and is reachable only in Slack.
    await db.rows(sql`update customers set slack_user_id = 'U5' where id = 'c5'`);
    const asked = (now: string) =>
      queueCampaign(db, { ...base, channel: "slack", now: new Date(now) });
    expect((await asked("2026-10-18T12:00:00Z")).skipped).toMatchObject({ "answered recently": 1 });
    expect((await asked("2026-11-18T12:00:00Z")).queued).toBe(1);
  });

  it("refuses a campaign for a channel that is not configured, and queues nothing", async () => {
    await expect(
      queueCampaign(db, { ...base, now: new Date("2026-11-22T12:00:00Z"), configured: ["slack"] }),
    ).rejects.toThrow(/Telegram \(TELEGRAM_BOT_TOKEN\) is not configured: nothing queued/);
    expect(await db.rows(sql`select 1 from survey_prompts where origin like 'campaign:%'`)).toEqual(
      [],
    );
  });

  it("a dry run counts exactly what a real send right after queues, by language, and why the rest are not asked", async () => {
    await db.rows(sql`update customers set locale = 'fi' where id in ('c1', 'c2')`);
    const now = new Date("2026-11-22T12:00:00Z");
    const dry = await queueCampaign(db, { ...base, now, dryRun: true });
    expect(await db.rows(sql`select 1 from survey_prompts where origin like 'campaign:%'`)).toEqual(
      [],
    );
    const real = await queueCampaign(db, { ...base, now });
    expect(dry).toMatchObject({
      dryRun: true,
      targeted: 7,
      queued: 3,
      byLanguage: { fi: 2, en: 1 },
      skipped: { "opted out": 1, "not reachable": 3 },
    });
    expect({ ...real, campaignId: "", dryRun: true }).toEqual({ ...dry, campaignId: "" });
    const rows = await db.rows<{ n: number }>(
      sql`select count(*)::int as n from survey_prompts where origin = ${`campaign:${real.campaignId}`}`,
    );
    expect(rows[0]!.n).toBe(dry.queued);
  });

  it("never queues a demo customer, whatever their chat id", async () => {
    await db.rows(sql`update customers set demo = true where id = 'c3'`);
    const result = await campaign("2026-11-22T12:00:00Z");
    expect(result.queued).toBe(2);
    expect(result.skipped["demo customer"]).toBe(1);
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
    await db.rows(sql`insert into orders (workspace_id, id, customer_id, ordered_at, amount)
      values ('shop', 'o-new', 'c1', '2026-12-17T10:00:00Z', 10)`);
    const now = new Date("2026-12-20T12:00:00Z");
    const plan = () =>
      planScheduledSurveys(db, {
        workspaceId: ws,
        now,
        timezone: "UTC",
        settings,
        channels: ["telegram", "slack"],
      });
    // CSAT for c1's order 3 days ago; NPS for c3, asked 107 days ago (c1 now has a question
    // waiting, c2 had an NPS 77 days ago, under the 90 of SURVEY_NPS_EVERY_DAYS; c4 opted out).
    expect(await plan()).toEqual({ csat: 1, nps: 1 });
    expect(await plan()).toEqual({ csat: 0, nps: 0 });
    const perCustomer = await db.rows<{
      n: number;
    }>(sql`select count(*)::int as n from survey_prompts
      where created_at = ${now.toISOString()}::timestamptz group by customer_id`);
    expect(perCustomer.every((r) => r.n === 1)).toBe(true);
  });

  it("the schedule queues only on the channels that are configured", async () => {
    // c1 is reachable in Telegram only; c5 and c6 in Slack.
    await db.rows(sql`update customers set slack_user_id = 'U' || id where id in ('c5', 'c6')`);
    const settings = { ...createConfig({}).surveys, csatAfterOrderDays: 0 };
    const plan = await planScheduledSurveys(db, {
      workspaceId: ws,
      now: new Date("2026-12-20T12:00:00Z"),
      timezone: "UTC",
      settings,
      channels: ["slack"],
    });
    const rows = await db.rows<{ customer_id: string; channel: string }>(
      sql`select customer_id, channel from survey_prompts where origin like 'nps-every:%' order by 1`,
    );
    expect(plan.nps).toBe(2);
    expect(rows).toEqual([
      { customer_id: "c5", channel: "slack" },
      { customer_id: "c6", channel: "slack" },
    ]);
  });

  it("sends one reminder for an unanswered question, never a second, and none once answered", async () => {
    const settings = { ...createConfig({ SURVEY_REMINDER_DAYS: "3" }).surveys };
    await db.rows(sql`insert into survey_prompts (workspace_id, customer_id, kind, channel, status, created_at, sent_at, origin)
      values ('shop', 'c1', 'nps', 'telegram', 'sent', '2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z', 'campaign:x'),
             ('shop', 'c3', 'nps', 'telegram', 'sent', '2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z', 'campaign:x')`);
    await db.rows(sql`insert into survey_responses (workspace_id, id, customer_id, kind, score, responded_at, source)
      values ('shop', 'imported-c3', 'c3', 'nps', 7, '2026-11-21T09:00:00Z', 'import')`);
    const remind = (now: string) =>
      planReminders(db, {
        workspaceId: ws,
        now: new Date(now),
        settings,
        channels: ["telegram"],
      });
    expect(await remind("2026-11-22T12:00:00Z")).toBe(0); // not 3 days yet
    expect(await remind("2026-11-23T12:00:00Z")).toBe(1); // c1; c3 answered since
    expect(await remind("2026-11-23T13:00:00Z")).toBe(0);
    await db.rows(sql`update survey_prompts set status = 'sent', sent_at = '2026-11-23T14:00:00Z'
      where origin like 'reminder:%'`);
    expect(await remind("2026-11-27T12:00:00Z")).toBe(0);
    const reminders = await db.rows<{ customer_id: string; kind: string }>(
      sql`select customer_id, kind from survey_prompts where origin like 'reminder:%'`,
    );
    expect(reminders).toEqual([{ customer_id: "c1", kind: "nps" }]);
  });

  it("reminders are off unless SURVEY_REMINDER_DAYS is set", async () => {
    await db.rows(sql`insert into survey_prompts (workspace_id, customer_id, kind, channel, status, created_at, sent_at)
      values ('shop', 'c1', 'nps', 'telegram', 'sent', '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z')`);
    const settings = createConfig({}).surveys;
    expect(
      await planReminders(db, {
        workspaceId: ws,
        now: new Date("2026-11-10T12:00:00Z"),
        settings,
        channels: ["telegram"],
      }),
    ).toBe(0);
  });
});
