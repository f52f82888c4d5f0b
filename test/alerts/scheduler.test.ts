/**
 * The scheduler driven by a fake clock against a fake Slack over HTTP: a year
 * of weekly digests across DST in four zones, episodes, late delivery after
 * downtime, retries and the owner told, snooze and mute, event alerts.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  alertPosts,
  alertSuite,
  say,
  schedulerOf,
  storeRule,
  threadPosts,
} from "../support/alert-harness.js";
import { drivers } from "../support/databases.js";

const WS = "shop";

const localTime = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(at);

describe.each(drivers)("alert scheduler on $name", (driver) => {
  const t = alertSuite(() => driver.open(), {
    start: "2026-01-01T00:00:00Z",
    empty: ["alert_rules", "alert_changes", "orders", "events", "customers"],
  });

  /** Moves the clock to each next due time (plus a few seconds) and ticks, until `end`. */
  async function runUntil(end: Date, scheduler = schedulerOf(t.pulse)) {
    for (;;) {
      const [row] = await t.db.rows<{ next: string | null }>(
        sql`select min(next_run_at) as next from alert_rules where status = 'active'`,
      );
      if (!row?.next || new Date(row.next) > end) break;
      t.pulse.clock.set(new Date(new Date(row.next).getTime() + 5_000));
      await scheduler.tick();
    }
  }

  it("delivers a 9:00 Monday digest at 9:00 local all year, across DST, in four zones", async () => {
    const zones = ["Europe/Helsinki", "America/New_York", "Asia/Kolkata", "Asia/Tehran"];
    for (const [i, timezone] of zones.entries()) {
      await storeRule(t.pulse, {
        title: `digest ${timezone}`,
        // No questions: this test is about when; answers are checked below.
        definition: { kind: "digest", questions: [] },
        schedule: "0 9 * * 1",
        timezone,
        chatId: `C${i}`,
      });
    }
    await runUntil(new Date("2027-01-01T00:00:00Z"));
    const firings = await t.db.rows<{
      chat_id: string;
      timezone: string;
      scheduled_for: string;
      late: boolean;
      status: string;
    }>(
      sql`select r.chat_id, r.timezone, f.scheduled_for, f.late, f.status from alert_firings f
        join alert_rules r on r.id = f.rule_id order by f.scheduled_for`,
    );
    const utcHours = new Map<string, Set<string>>();
    for (const [i, timezone] of zones.entries()) {
      const mine = firings.filter((f) => f.timezone === timezone);
      // 2026 has 52 Mondays.
      expect(mine).toHaveLength(52);
      expect(alertPosts(t.slack.calls, `C${i}`)).toHaveLength(52);
      for (const f of mine) {
        expect(localTime(new Date(f.scheduled_for), timezone)).toBe("Mon 09:00");
        expect(f).toMatchObject({ late: false, status: "delivered" });
      }
      utcHours.set(
        timezone,
        new Set(mine.map((f) => new Date(f.scheduled_for).toISOString().slice(11, 16))),
      );
    }
    expect([...utcHours.get("Europe/Helsinki")!].sort()).toEqual(["06:00", "07:00"]);
    expect([...utcHours.get("America/New_York")!].sort()).toEqual(["13:00", "14:00"]);
    expect([...utcHours.get("Asia/Kolkata")!]).toEqual(["03:30"]);
    expect([...utcHours.get("Asia/Tehran")!]).toEqual(["05:30"]);
  });

  it("after downtime sends one late delivery, marked late, not one per missed day", async () => {
    await storeRule(t.pulse, {
      title: "daily revenue",
      definition: { kind: "digest", questions: ["revenue yesterday"] },
      schedule: "0 9 * * *",
      timezone: "Europe/Helsinki",
    });
    t.pulse.clock.set("2026-01-06T12:00:00Z");
    const result = await schedulerOf(t.pulse).tick();
    expect(result).toMatchObject({ recorded: 1, delivered: 1 });
    const posts = alertPosts(t.slack.calls);
    expect(posts).toHaveLength(1);
    expect(String(posts[0]!.params.text)).toContain("Late: this was due Tue 6 Jan, 09:00");
    // The answer follows in the heading's thread, as a normal answer to the question.
    const answer = threadPosts(t.slack.calls);
    expect(answer).toHaveLength(1);
    expect(answer[0]!.params.thread_ts).toBeDefined();
    expect(String(answer[0]!.params.text)).toMatch(/revenue/i);
  });

  it("fires once for a breach that lasts 10 evaluations and once when it is back to normal", async () => {
    await t.db.rows(
      sql`insert into customers (workspace_id, id, signup_at) values (${WS}, 'c1', '2025-01-01T00:00:00Z')`,
    );
    t.pulse.clock.set("2026-03-01T00:30:00Z");
    const created = await say(t.pulse, "alert me when revenue last 30 days goes above 500");
    expect(created).toMatchObject({
      kind: "notice",
      text: expect.stringContaining("Created alert"),
    });
    await t.db.rows(sql`insert into orders (workspace_id, id, customer_id, ordered_at, amount)
      values (${WS}, 'o1', 'c1', '2026-02-27T10:00:00Z', 900)`);
    const scheduler = schedulerOf(t.pulse);
    await runUntil(new Date("2026-03-01T10:00:00Z"), scheduler);
    const [{ evaluated }] = (await t.db.rows<{ evaluated: number }>(
      sql`select count(*)::int as evaluated from alert_firings`,
    )) as [{ evaluated: number }];
    expect(evaluated).toBe(10);
    expect(alertPosts(t.slack.calls)).toHaveLength(1);
    expect(String(alertPosts(t.slack.calls)[0]!.params.text)).toMatch(/Revenue is .*above/);
    await t.db.rows(sql`update orders set amount = 100 where id = 'o1'`);
    await runUntil(new Date("2026-03-01T15:00:00Z"), scheduler);
    const posts = alertPosts(t.slack.calls);
    expect(posts).toHaveLength(2);
    expect(String(posts[1]!.params.text)).toContain("back to normal");
  });

  it("retries a failing delivery with back-off and then tells the owner", async () => {
    await storeRule(t.pulse, {
      title: "weekly",
      definition: { kind: "digest", questions: ["revenue last week"] },
      schedule: "0 9 * * 1",
      chatId: "C9",
      ownerId: "U7",
    });
    const scheduler = schedulerOf(t.pulse, { retryMs: 1000, maxAttempts: 3 });
    t.pulse.clock.set("2026-01-05T09:00:05Z");
    for (let attempt = 0; attempt < 3; attempt++) {
      t.slack.failNext("chat.postMessage", { error: "internal_error" });
      await scheduler.tick();
      t.pulse.clock.set(new Date(t.pulse.clock.now().getTime() + 60_000));
    }
    const attempts = t.slack.calls.filter(
      (c) => c.method === "chat.postMessage" && c.params.channel === "C9",
    );
    expect(attempts).toHaveLength(3);
    const notice = t.slack.calls.filter(
      (c) => c.method === "chat.postMessage" && c.params.channel === "U7",
    );
    expect(notice).toHaveLength(1);
    expect(String(notice[0]!.params.text)).toContain("could not deliver alert");
    expect(String(notice[0]!.params.text)).toContain("internal_error");
  });

  it("skips firings while snoozed or muted, and lists, pauses and deletes from chat", async () => {
    const created = await say(t.pulse, "every day at 9 send revenue yesterday");
    const id = Number(/alert (\d+)/.exec(created.text)![1]);
    expect((await say(t.pulse, `snooze alert ${id} for 2 days`)).text).toContain("Snoozed");
    const scheduler = schedulerOf(t.pulse);
    // Snoozed at midnight on 1 January for two days: the runs of the 1st and 2nd are skipped.
    await runUntil(new Date("2026-01-02T12:00:00Z"), scheduler);
    expect(alertPosts(t.slack.calls)).toHaveLength(0);
    await runUntil(new Date("2026-01-03T12:00:00Z"), scheduler);
    expect(alertPosts(t.slack.calls)).toHaveLength(1);
    expect((await say(t.pulse, "list alerts")).text).toContain(
      `${id}. digest: "revenue yesterday" · sent every day 09:00 UTC`,
    );
    expect((await say(t.pulse, "list alerts", "C2")).text).toContain("No alerts in this chat");
    expect((await say(t.pulse, `delete alert ${id}`, "C2")).text).toContain(
      `no alert ${id} in this chat`,
    );
    expect((await say(t.pulse, `mute alert ${id}`)).text).toContain("Muted");
    await runUntil(new Date("2026-01-08T12:00:00Z"), scheduler);
    expect(alertPosts(t.slack.calls)).toHaveLength(1);
    expect((await say(t.pulse, `delete alert ${id}`)).text).toContain("Deleted");
  });

  it("posts an event alert for a matching new row once, however often the row is written again", async () => {
    const created = await say(t.pulse, "alert me when an order over 1000 comes in");
    expect(created.text).toContain("each new order with amount over $1,000.00");
    await t.db.rows(
      sql`insert into customers (workspace_id, id, signup_at) values (${WS}, 'c1', '2025-01-01T00:00:00Z')`,
    );
    const insert = sql`insert into orders (workspace_id, id, customer_id, ordered_at, amount)
      values (${WS}, 'big', 'c1', '2026-01-01T10:00:00Z', 1500), (${WS}, 'small', 'c1', '2026-01-01T10:00:00Z', 20)
      on conflict do nothing`;
    await t.db.rows(insert);
    const scheduler = schedulerOf(t.pulse);
    await scheduler.tick();
    await t.db.rows(insert);
    await scheduler.tick();
    const posts = alertPosts(t.slack.calls);
    expect(posts).toHaveLength(1);
    expect(String(posts[0]!.params.text)).toContain("New order big of $1,500.00");
  });

  it("matches a survey detractor written to events, with its score and comment", async () => {
    await say(t.pulse, "alert me when a detractor answers a survey", "C5");
    await t.db.rows(sql`insert into events (workspace_id, id, kind, occurred_at, text, properties)
      values (${WS}, 'e1', 'survey_detractor', '2026-01-01T10:00:00Z', 'too slow', '{"responseId":"r1","kind":"nps","score":2}')`);
    await schedulerOf(t.pulse).tick();
    const posts = alertPosts(t.slack.calls, "C5");
    expect(posts).toHaveLength(1);
    expect(String(posts[0]!.params.text)).toContain("survey detractor");
    expect(String(posts[0]!.params.text)).toContain('(NPS score 2): "too slow"');
  });

  /** Quiet days (about 100 a day) from `since`, then 1,000 on Sunday 1 March; the rule checks at 9:00 daily. */
  async function anomalyPosts(since: string): Promise<string[]> {
    await t.db.rows(
      sql`insert into customers (workspace_id, id, signup_at) values (${WS}, 'c1', '2025-01-01T00:00:00Z')`,
    );
    await t.db.rows(sql`insert into orders (workspace_id, id, customer_id, ordered_at, amount)
      select ${WS}, 'o' || d::date, 'c1', d + interval '12 hours', case when d::date = date '2026-03-01' then 1000 else 100 + extract(day from d) % 3 * 5 end
      from generate_series(${since}::timestamptz, timestamptz '2026-03-02 00:00:00+00', interval '1 day') d`);
    t.pulse.clock.set("2026-03-01T00:00:00Z");
    await storeRule(t.pulse, {
      title: "revenue is unusual",
      definition: { kind: "anomaly", metric: "revenue", grain: "day" },
      schedule: "0 9 * * *",
    });
    await runUntil(new Date("2026-03-03T12:00:00Z"));
    return alertPosts(t.slack.calls).map((c) => String(c.params.text));
  }

  it("fires an anomaly outside the forecast's 95% interval, and recovers", async () => {
    const posts = await anomalyPosts("2026-01-01");
    expect(posts).toHaveLength(2);
    expect(posts[0]).toMatch(
      /Revenue was \$1,000\.00 on 1 March 2026, outside the expected range of \$[\d.,]+ to \$[\d.,]+\./,
    );
    expect(posts[0]).toContain("95% interval of the");
    expect(posts[1]).toContain("back to normal");
  });

  it("says a count's anomaly with a plural verb, a date in words and a range in whole numbers", async () => {
    await t.db.rows(
      sql`insert into customers (workspace_id, id, signup_at) values (${WS}, 'c1', '2025-01-01T00:00:00Z')`,
    );
    // Three to five orders a day from January, thirty on Sunday 1 March.
    await t.db.rows(sql`insert into orders (workspace_id, id, customer_id, ordered_at, amount)
      select ${WS}, 'o' || d::date || '-' || n, 'c1', d + interval '12 hours', 10
      from generate_series(timestamptz '2026-01-01 00:00:00+00', timestamptz '2026-03-01 00:00:00+00', interval '1 day') d,
        generate_series(1, 30) n
      where n <= case when d::date = date '2026-03-01' then 30 else 3 + extract(day from d)::int % 3 end`);
    t.pulse.clock.set("2026-03-01T00:00:00Z");
    await storeRule(t.pulse, {
      title: "orders are unusual",
      definition: { kind: "anomaly", metric: "orders", grain: "day" },
      schedule: "0 9 * * *",
    });
    await runUntil(new Date("2026-03-02T12:00:00Z"));
    const [post] = alertPosts(t.slack.calls).map((c) => String(c.params.text));
    expect(post).toMatch(
      /Orders were 30 on 1 March 2026, outside the expected range of \d+ to \d+\./,
    );
  });

  it("says the range a threshold was checked over, that today is not in it yet, and no volume when none is asked", async () => {
    await t.db.rows(
      sql`insert into customers (workspace_id, id, signup_at) values (${WS}, 'c1', '2025-01-01T00:00:00Z')`,
    );
    await t.db.rows(sql`insert into orders (workspace_id, id, customer_id, ordered_at, amount)
      values (${WS}, 'big', 'c1', '2026-02-20T10:00:00Z', 216525.02)`);
    t.pulse.clock.set("2026-03-01T00:00:00Z");
    await storeRule(t.pulse, {
      title: "revenue above 1000",
      definition: {
        kind: "threshold",
        question: "revenue over the last 30 days",
        query: {
          metric: "revenue",
          filters: [],
          groupBy: null,
          window: { kind: "days", days: 30 },
        },
        comparison: ">",
        value: 1000,
        minVolume: 0,
      },
      schedule: "0 * * * *",
    });
    await runUntil(new Date("2026-03-01T01:30:00Z"));
    const [post] = alertPosts(t.slack.calls).map((c) => String(c.params.text));
    expect(post).toContain("Revenue is $216,525.02, above $1,000.00.");
    expect(post).toContain(
      "Fired because revenue over 30 January - 28 February 2026 (full days to yesterday: today counts once it is over) went above $1,000.00.",
    );
    expect(post).not.toContain("volume");
  });

  it("a digest says its schedule in words, not as cron", async () => {
    await storeRule(t.pulse, {
      title: "daily",
      definition: { kind: "digest", questions: [] },
      schedule: "0 9 * * *",
    });
    await runUntil(new Date("2026-01-01T12:00:00Z"));
    const [post] = alertPosts(t.slack.calls).map((c) => String(c.params.text));
    expect(post).toContain("Scheduled digest, sent every day 09:00 UTC.");
  });

  it("fires an anomaly against the median of the same weekdays when history is short", async () => {
    const posts = await anomalyPosts("2026-02-01");
    expect(posts).toHaveLength(2);
    expect(posts[0]).toContain("outside the expected range");
    expect(posts[0]).toContain("median of 4 comparable same weekdays");
    expect(posts[1]).toContain("back to normal");
  });

  it("fires a change rule when revenue this week falls more than 20% against last week", async () => {
    await t.db.rows(
      sql`insert into customers (workspace_id, id, signup_at) values (${WS}, 'c1', '2025-01-01T00:00:00Z')`,
    );
    await t.db.rows(sql`insert into orders (workspace_id, id, customer_id, ordered_at, amount)
      values (${WS}, 'a', 'c1', '2026-02-23T10:00:00Z', 1000), (${WS}, 'b', 'c1', '2026-03-02T10:00:00Z', 100)`);
    t.pulse.clock.set("2026-03-04T09:30:00Z");
    const created = await say(
      t.pulse,
      "alert me when revenue this week drops more than 20% vs last week",
    );
    expect(created.text).toContain(
      "revenue this week so far down more than 20% against the same days a week earlier",
    );
    await runUntil(new Date("2026-03-04T10:30:00Z"));
    const posts = alertPosts(t.slack.calls).map((c) => String(c.params.text));
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatch(
      /Revenue is down 90\.0% \(.*, 2-4 March 2026 vs 23-25 February 2026\)/,
    );
  });

  it("matches a signup from a channel and a churn of a plan's customer, on insert and on update", async () => {
    // A value is known from the data (alerts.md: a value the data lacks is refused): one earlier customer has both.
    await t.db.rows(sql`insert into customers (workspace_id, id, signup_at, plan, channel) values
      (${WS}, 'z', '2025-01-01T00:00:00Z', 'enterprise', 'ads')`);
    await say(t.pulse, "alert me when someone signs up from channel ads", "C6");
    await say(t.pulse, "alert me when a customer on plan enterprise churns", "C7");
    await t.db.rows(sql`insert into customers (workspace_id, id, signup_at, plan, channel) values
      (${WS}, 'a', '2026-01-01T00:00:00Z', 'pro', 'ads'), (${WS}, 'b', '2026-01-01T00:00:00Z', 'enterprise', 'seo')`);
    await t.db.rows(
      sql`update customers set churned_at = '2026-01-01T05:00:00Z' where id in ('a', 'b')`,
    );
    await schedulerOf(t.pulse).tick();
    const signups = alertPosts(t.slack.calls, "C6").map((c) => String(c.params.text));
    const churns = alertPosts(t.slack.calls, "C7").map((c) => String(c.params.text));
    expect(signups).toHaveLength(1);
    expect(signups[0]).toContain("New signup: customer a on plan pro from ads");
    expect(churns).toHaveLength(1);
    expect(churns[0]).toContain("Customer b (plan enterprise) churned");
  });
});
