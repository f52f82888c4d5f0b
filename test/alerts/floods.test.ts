/**
 * Isolation and floods: a rate-limited chat holds back its own alerts only
 * (Slack Retry-After, Telegram retry_after), and a backfill of old rows posts
 * one summary instead of an alert per row.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createAccess } from "../../src/access/access.js";
import type { AlertPlatform } from "../../src/alerts/types.js";
import { alertPosts, alertSuite, schedulerOf, storeRule } from "../support/alert-harness.js";
import { drivers } from "../support/databases.js";

const WS = "shop";

describe.each(drivers)("isolation and floods on $name", (driver) => {
  const t = alertSuite(() => driver.open(), {
    start: "2026-03-02T08:00:00Z",
    empty: ["alert_rules", "orders", "customers"],
  });

  const digest = (platform: AlertPlatform, chatId: string) =>
    storeRule(t.pulse, {
      title: `digest for ${chatId}`,
      definition: { kind: "digest", questions: [] },
      schedule: "0 9 * * 1",
      platform,
      chatId,
    });

  const firingOf = async (ruleId: number) =>
    (
      await t.db.rows<{ status: string; attempts: number; next_attempt_at: string }>(
        sql`select status, attempts, next_attempt_at from alert_firings where rule_id = ${ruleId}`,
      )
    )[0]!;

  it("a Slack channel answering 429 Retry-After 20 does not delay another channel's alert beyond a second", async () => {
    const limited = await digest("slack", "C1");
    await digest("slack", "C2");
    t.slack.failNext("chat.postMessage", {
      status: 429,
      retryAfter: 20,
      match: (params) => params.channel === "C1",
    });
    t.pulse.clock.set("2026-03-02T09:00:05Z");
    const scheduler = schedulerOf(t.pulse);
    expect(await scheduler.tick()).toMatchObject({ delivered: 1, held: 1 });
    const refused = t.slack.calls.find((c) => c.params.channel === "C1")!;
    const other = alertPosts(t.slack.calls, "C2")[0]!;
    // The other channel's alert goes out in the same tick, at the same instant of Pulse's clock:
    // nothing waits for the 429. The wall clock only shows the client did not sleep the 20 s
    // (a second on an idle machine; a loaded one adds the database's own time).
    const [delivered] = await t.db.rows<{ at: string }>(
      sql`select delivered_at as at from alert_firings f join alert_rules r on r.id = f.rule_id where r.chat_id = 'C2'`,
    );
    expect(new Date(delivered!.at).toISOString()).toBe("2026-03-02T09:00:05.000Z");
    expect(other.at - refused.at).toBeLessThan(5000);
    // The limited channel waits the 20 s it asked for, and that wait is not a failed attempt.
    expect(await firingOf(limited.id)).toMatchObject({ status: "pending", attempts: 0 });
    expect(new Date((await firingOf(limited.id)).next_attempt_at).toISOString()).toBe(
      "2026-03-02T09:00:25.000Z",
    );
    t.pulse.clock.set("2026-03-02T09:00:26Z");
    expect(await scheduler.tick()).toMatchObject({ delivered: 1 });
    expect(t.slack.posted.filter((m) => m.channel === "C1")).toHaveLength(1);
  });

  it("Telegram's retry_after holds back that chat only, for as long as it asked", async () => {
    // Telegram answers nobody until a rule allows the chat.
    for (const subject of ["-1001", "-1002"])
      await createAccess(t.db, WS).allow({ platform: "telegram", kind: "chat", subject });
    const limited = await digest("telegram", "-1001");
    await digest("telegram", "-1002");
    t.telegram.fail({
      match: (call) => call.params.chat_id === "-1001",
      errorCode: 429,
      description: "Too Many Requests: retry after 20",
      retryAfter: 20,
    });
    t.pulse.clock.set("2026-03-02T09:00:05Z");
    expect(await schedulerOf(t.pulse).tick()).toMatchObject({ delivered: 1, held: 1 });
    expect(
      t.telegram.calls.filter((c) => c.params.chat_id === "-1002" && c.status === 200),
    ).toHaveLength(1);
    const firing = await firingOf(limited.id);
    expect(firing).toMatchObject({ status: "pending", attempts: 0 });
    expect(new Date(firing.next_attempt_at).toISOString()).toBe("2026-03-02T09:00:25.000Z");
  });

  it("a backfill of 1,000 old orders posts one summary; a new order is alerted on its own, with its date", async () => {
    await storeRule(t.pulse, {
      title: "alert me when an order comes in",
      definition: { kind: "event", source: "order", conditions: [] },
      chatId: "C5",
    });
    await t.db.rows(
      sql`insert into customers (workspace_id, id, signup_at) values (${WS}, 'c1', '2024-01-01T00:00:00Z')`,
    );
    await t.db.rows(sql`insert into orders (workspace_id, id, customer_id, ordered_at, amount)
      select ${WS}, 'old' || i, 'c1', timestamptz '2025-01-01T10:00:00Z' + (i % 30) * interval '1 day', 10
      from generate_series(1, 1000) as i`);
    await t.db.rows(sql`insert into orders (workspace_id, id, customer_id, ordered_at, amount)
      values (${WS}, 'new1', 'c1', '2026-03-02T07:30:00Z', 55)`);
    expect(await schedulerOf(t.pulse).tick()).toMatchObject({ delivered: 2 });
    const posts = alertPosts(t.slack.calls, "C5").map((c) => String(c.params.text));
    expect(posts).toHaveLength(2);
    const summary = posts.find((p) => p.includes("imported"));
    expect(summary).toContain("1000 orders from January 2025 imported (");
    expect(summary).toContain("10,000.00 in total)");
    expect(posts.find((p) => p.includes("New order new1"))).toContain("on 2 Mar 2026");
  });
});
