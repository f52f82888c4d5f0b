/**
 * Alert language in a chat, through the assistant, delivered to a fake Slack
 * over HTTP with a fixed clock: the confirmation and the list restate the
 * stored rule; test, run now, edit and history do what they say; a rule per
 * group fires for the group that breaches.
 */
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  alertPosts,
  alertSuite,
  say,
  schedulerOf,
  setZone,
  threadPosts,
  WORKSPACE,
} from "../support/alert-harness.js";
import { drivers } from "../support/databases.js";

describe.each(drivers)("alert language in chat on $name", (driver) => {
  const t = alertSuite(() => driver.open(), {
    start: "2026-03-02T08:10:00Z",
    empty: ["alert_rules", "customers"],
  });
  beforeEach(() => setZone(t.db, "Europe/Helsinki"));

  const text = async (words: string) => {
    const reply = await say(t.pulse, words);
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
    t.pulse.clock.set("2026-03-09T07:00:05Z");
    await schedulerOf(t.pulse).tick();
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
    const reply = await say(t.pulse, "alert me about churn");
    // Read as an alert command it could not run: said back as such, with rules to copy.
    expect(reply).toMatchObject({ kind: "unknown", interpretation: { intent: "alert" } });
    expect(reply.text).toContain("What should I watch churn for?");
  });

  it('"send a test of alert N" delivers now, marked as a test; the history shows it', async () => {
    const created = await text("alert me when revenue last 30 days goes above 1000000");
    const id = /Created alert (\d+)/.exec(created)![1];
    expect(await text(`send a test of alert ${id}`)).toContain(`Sending a test of alert ${id}`);
    expect(await schedulerOf(t.pulse).tick()).toMatchObject({ delivered: 1 });
    const [post] = alertPosts(t.slack.calls, "C1");
    expect(String(post!.params.text)).toContain(
      `Test of alert ${id}. Alert ${id} would not fire now.`,
    );
    const history = await text(`show alert history ${id}`);
    expect(history).toContain(
      `alert ${id} (test) · due Mon 2 Mar, 10:10 EET · delivered · 1 attempt`,
    );
  });

  it("a rule kept in its zone when the workspace's changes is shown in its own zone, in the list and the history", async () => {
    const created = await text("every Monday at 9 send revenue last week");
    const id = /Created alert (\d+)/.exec(created)![1];
    expect(await text("set the time zone to America/New_York")).toContain(
      "1 alert runs in Europe/Helsinki",
    );
    expect(await text("set the time zone to America/New_York and keep alerts")).toContain(
      "1 alert stays in Europe/Helsinki",
    );
    expect(await text(`send a test of alert ${id}`)).toContain("Sending a test");
    expect(await text("list alerts")).toContain("sent Mondays 09:00 Europe/Helsinki");
    expect(await text(`show alert history ${id}`)).toContain("due Mon 2 Mar, 10:10 EET");
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

  describe('"churn rate by plan above 5%": each plan is an episode of its own', () => {
    // 8 customers since 2025: c1-c4 on pro, c5-c8 on basic. Churn rate = churned in the
    // last 30 days / customers at its start: 1 of 4 is 25.0%, 2 of 4 is 50.0%.
    beforeEach(async () => {
      await t.db.rows(sql`insert into customers (workspace_id, id, signup_at, plan)
        select ${WORKSPACE}, 'c' || i, '2025-01-01T00:00:00Z', case when i <= 4 then 'pro' else 'basic' end
        from generate_series(1, 8) as i`);
    });
    const churn = (ids: string[], at: string | null) =>
      t.db.rows(
        sql`update customers set churned_at = ${at} where id in ${sql.raw(`('${ids.join("', '")}')`)}`,
      );
    /** Ticks at `at` and returns the alert headings it posted. */
    const checkAt = async (at: string) => {
      const before = alertPosts(t.slack.calls, "C1").length;
      t.pulse.clock.set(at);
      await schedulerOf(t.pulse).tick();
      return alertPosts(t.slack.calls, "C1")
        .slice(before)
        .map((c) => String(c.params.text).split("\n")[0]);
    };

    it("fires for a plan when it starts breaching, not again while it lasts, and again only after it recovered", async () => {
      await churn(["c1", "c2"], "2026-02-15T12:00:00Z");
      const created = await text(
        "alert me when churn rate by plan goes above 5% with at least 2 customers",
      );
      expect(created).toContain("for any plan over the last 30 days above 5.0%");
      const id = /Created alert (\d+)/.exec(created)![1];
      expect(await checkAt("2026-03-02T09:00:05Z")).toEqual([
        `Alert ${id}: Churn rate for plan pro is 50.0%, above 5.0%.`,
      ]);
      // basic starts breaching mid-episode of pro: announced on its own, pro is not repeated.
      await churn(["c5"], "2026-02-25T09:30:00Z");
      expect(await checkAt("2026-03-02T10:00:05Z")).toEqual([
        `Alert ${id}: Churn rate for plan basic is 25.0%, above 5.0%.`,
      ]);
      expect(await checkAt("2026-03-02T11:00:05Z")).toEqual([]);
      expect(await text("list alerts")).toContain("active, firing for plan basic, pro");
      // pro recovers (its churns were a mistake); basic still breaches and stays quiet.
      await churn(["c1", "c2"], null);
      expect(await checkAt("2026-03-02T12:00:05Z")).toEqual([
        `Alert ${id}: back to normal for plan pro. Churn rate is no longer above 5.0%. It is 0.0%.`,
      ]);
      // pro breaches again: a new episode, announced again.
      await churn(["c3"], "2026-02-26T12:30:00Z");
      expect(await checkAt("2026-03-02T13:00:05Z")).toEqual([
        `Alert ${id}: Churn rate for plan pro is 25.0%, above 5.0%.`,
      ]);
    });

    it("two plans breaching at once get a message each, the answer under the first", async () => {
      await churn(["c1", "c2"], "2026-02-15T12:00:00Z");
      await churn(["c5"], "2026-02-20T12:00:00Z");
      await text("alert me when churn rate by plan goes above 5% with at least 2 customers");
      const headings = await checkAt("2026-03-02T09:00:05Z");
      expect(headings).toHaveLength(2);
      expect(headings).toEqual(
        expect.arrayContaining([
          expect.stringContaining("Churn rate for plan basic is 25.0%, above 5.0%."),
          expect.stringContaining("Churn rate for plan pro is 50.0%, above 5.0%."),
        ]),
      );
      expect(threadPosts(t.slack.calls, "C1")).toHaveLength(1);
      expect(await checkAt("2026-03-02T10:00:05Z")).toEqual([]);
    });

    it("a plan under the minimum volume does not count", async () => {
      await churn(["c1", "c2"], "2026-02-15T12:00:00Z");
      await text("alert me when churn rate by plan goes above 5% with at least 5 customers");
      expect(await checkAt("2026-03-02T09:00:05Z")).toEqual([]);
    });
  });

  it("a check with nothing to report is kept a week for the history, then pruned", async () => {
    await text("alert me when revenue last 30 days goes above 1000000");
    const scheduler = schedulerOf(t.pulse);
    t.pulse.clock.set("2026-03-02T09:00:05Z");
    await scheduler.tick();
    const skipped = async () =>
      (
        await t.db.rows<{ n: number }>(
          sql`select count(*)::int as n from alert_firings where status = 'skipped'`,
        )
      )[0]!.n;
    expect(await skipped()).toBe(1);
    t.pulse.clock.set("2026-03-08T09:00:05Z");
    await scheduler.tick();
    expect(await skipped()).toBe(2);
    t.pulse.clock.set("2026-03-09T10:00:05Z");
    await scheduler.tick();
    // The check of 2 March is more than a week old; those of 8 and 9 March stay.
    expect(await skipped()).toBe(2);
  });
});
