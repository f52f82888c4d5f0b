/**
 * Alert language in a chat, through the assistant, delivered to a fake Slack
 * over HTTP with a fixed clock: the confirmation and the list restate the
 * stored rule; test, run now, edit and history do what they say; a rule per
 * group fires for the group that breaches.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import type { Pulse } from "../../src/pulse.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-api.js";
import { drivers } from "../support/databases.js";
import { alertPosts, alertPulse, say, schedulerOf, setZone, WORKSPACE } from "./harness.js";

describe.each(drivers)("alert language in chat on $name", (driver) => {
  let slack: FakeSlack;
  let db: Database;
  let pulse: Pulse & { clock: { set(at: Date | string): void; now(): Date } };

  beforeAll(async () => {
    slack = await startFakeSlack();
    db = await driver.open();
  });
  afterAll(async () => {
    await db.close();
    await slack.close();
  });
  beforeEach(async () => {
    slack.calls.length = 0;
    await db.rows(sql`delete from alert_rules`);
    await db.rows(sql`delete from customers`);
    pulse = await alertPulse(db, slack, "2026-03-02T08:10:00Z");
    await setZone(db, "Europe/Helsinki");
  });

  const text = async (words: string) => {
    const reply = await say(pulse, words);
    expect(reply.kind).toBe("notice");
    return reply.text;
  };

  it("the confirmation restates the stored rule: metric, window, condition with unit, volume, schedule in local time, channel, next run", async () => {
    const reply = await text("tell me when churn goes above 5%, check every monday at 9");
    expect(reply).toContain("I understood:");
    expect(reply).toContain(
      "churn rate over the last 30 days above 5.0%, counted only with a volume of at least 30",
    );
    expect(reply).toContain("checked Mondays 09:00 Europe/Helsinki");
    expect(reply).toContain("posts to <#C1>");
    expect(reply).toContain("next Mon 9 Mar, 09:00 EET");
    expect(reply).toContain("not fired yet");
    expect(reply).not.toMatch(/\* \* 1/);
  });

  it("list alerts says the same from the stored rule, with the last firing", async () => {
    await text("every Monday at 9 send revenue last week");
    pulse.clock.set("2026-03-09T07:00:05Z");
    await schedulerOf(pulse).tick();
    const list = await text("list alerts");
    expect(list).toContain('digest: "revenue last week" · sent Mondays 09:00 Europe/Helsinki');
    expect(list).toContain("last fired Mon 9 Mar, 09:00 EET");
  });

  it('"notify #channel when ..." posts to that channel', async () => {
    const reply = await text("notify <#C0SALES|sales> when an order over 1k comes in");
    expect(reply).toContain("each new order with amount over");
    expect(reply).toContain("posts to <#C0SALES>");
  });

  it('"alert me about churn" gets a question back, not a number', async () => {
    expect(await text("alert me about churn")).toContain("What should I watch churn for?");
  });

  it('"send a test of alert N" delivers now, marked as a test; the history shows it', async () => {
    const created = await text("alert me when revenue last 30 days goes above 1000000");
    const id = /Created alert (\d+)/.exec(created)![1];
    expect(await text(`send a test of alert ${id}`)).toContain(`Sending a test of alert ${id}`);
    expect(await schedulerOf(pulse).tick()).toMatchObject({ delivered: 1 });
    const [post] = alertPosts(slack.calls, "C1");
    expect(String(post!.params.text)).toContain(
      `Test of alert ${id}. Alert ${id} would not fire now.`,
    );
    const history = await text(`show alert history ${id}`);
    expect(history).toContain(
      `alert ${id} (test) · due Mon 2 Mar, 10:10 EET · delivered · 1 attempt`,
    );
  });

  it('"edit alert N: above 7%" and "change alert N to Fridays at 8" change the stored rule', async () => {
    const created = await text("alert me when churn goes above 5%");
    const id = /Created alert (\d+)/.exec(created)![1];
    expect(await text(`edit alert ${id}: above 7%`)).toContain("above 7.0%");
    const moved = await text(`change alert ${id} to Fridays at 8`);
    expect(moved).toContain("checked Fridays 08:00 Europe/Helsinki");
    expect(moved).toContain("next Fri 6 Mar, 08:00 EET");
  });

  it('"mute alert N for a week" snoozes it for a week', async () => {
    const created = await text("alert me when churn goes above 5%");
    const id = /Created alert (\d+)/.exec(created)![1];
    expect(await text(`mute alert ${id} for a week`)).toContain("until Mon 9 Mar, 10:10 EET");
  });

  it('"churn rate by plan above 5%" fires for the plan that breaches', async () => {
    await db.rows(sql`insert into customers (workspace_id, id, signup_at, plan, churned_at)
      select ${WORKSPACE}, 'c' || i, '2025-01-01T00:00:00Z', case when i <= 4 then 'pro' else 'basic' end,
        case when i <= 2 then timestamptz '2026-02-15T12:00:00Z' end
      from generate_series(1, 8) as i`);
    const created = await text(
      "alert me when churn rate by plan goes above 5% with at least 2 customers",
    );
    expect(created).toContain("for any plan over the last 30 days above 5.0%");
    pulse.clock.set("2026-03-02T09:00:05Z");
    expect(await schedulerOf(pulse).tick()).toMatchObject({ delivered: 1 });
    const heading = String(alertPosts(slack.calls, "C1")[0]!.params.text);
    expect(heading).toContain("above 5.0% for 1 group by plan: pro 50.0%");
    expect(heading).not.toContain("basic");
  });

  it("a check with nothing to report is kept a week for the history, then pruned", async () => {
    await text("alert me when revenue last 30 days goes above 1000000");
    const scheduler = schedulerOf(pulse);
    pulse.clock.set("2026-03-02T09:00:05Z");
    await scheduler.tick();
    const skipped = async () =>
      (
        await db.rows<{ n: number }>(
          sql`select count(*)::int as n from alert_firings where status = 'skipped'`,
        )
      )[0]!.n;
    expect(await skipped()).toBe(1);
    pulse.clock.set("2026-03-08T09:00:05Z");
    await scheduler.tick();
    expect(await skipped()).toBe(2);
    pulse.clock.set("2026-03-09T10:00:05Z");
    await scheduler.tick();
    // The check of 2 March is more than a week old; those of 8 and 9 March stay.
    expect(await skipped()).toBe(2);
  });
});
