/**
 * Each part of a firing (heading, every answer's text and chart) reaches the
 * chat once: answers go in the heading's thread (one notification), each part
 * is recorded as the chat accepts it, and a retry or a takeover after a kill
 * sends exactly the parts that are missing.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { alertSenders } from "../../bots/alerts/start.js";
import { createAccess } from "../../src/access/access.js";
import { storeMessage } from "../../src/alerts/message.js";
import type { AlertMessage, AlertPlatform } from "../../src/alerts/types.js";
import { alertSuite, schedulerOf, storeRule } from "../support/alert-harness.js";
import { drivers } from "../support/databases.js";

const png = Buffer.from("89504e470d0a1a0a", "hex");

describe.each(drivers)("each part of a firing delivered once on $name", (driver) => {
  const t = alertSuite(() => driver.open(), {
    start: "2026-03-02T09:00:05Z",
    empty: ["alert_rules"],
  });

  /** A due firing whose message is already evaluated: a heading, two answers, the second with a chart. */
  async function dueFiring(platform: AlertPlatform, chatId: string): Promise<string> {
    const rule = await storeRule(t.pulse, {
      title: "weekly numbers",
      definition: { kind: "digest", questions: [] },
      schedule: "0 9 * * 1",
      platform,
      chatId,
    });
    const [firing] = await t.db.rows<{ id: number }>(sql`insert into alert_firings
        (rule_id, occurrence, scheduled_for, next_attempt_at)
      values (${rule.id}, 'at:test', '2026-03-02T09:00:00Z', '2026-03-02T09:00:00Z') returning id`);
    const key = `pulse-alert-${firing!.id}`;
    const message: AlertMessage = {
      key,
      ruleId: rule.id,
      heading: `Alert ${rule.id}: weekly numbers`,
      why: "Scheduled digest.",
      late: false,
      actions: true,
      replies: [
        { kind: "notice", text: "Revenue last week: €1,200" },
        {
          kind: "insight",
          text: "Orders last week: 31",
          chart: { png, width: 10, height: 10, altText: "Orders by day" },
          table: null,
          interpretation: {} as never,
          personal: null,
        },
      ],
    };
    await t.db.rows(
      sql`update alert_firings set message = ${storeMessage(message)}::jsonb where id = ${firing!.id}`,
    );
    return key;
  }

  const channel = (chatId: string) => t.slack.posted.filter((m) => m.channel === chatId);
  const keysIn = (chatId: string) =>
    channel(chatId).map((m) => m.metadata?.event_payload?.key ?? m.files?.[0]?.name);

  it("posts the heading in the channel and every answer's text and chart in its thread", async () => {
    const key = await dueFiring("slack", "C1");
    expect(await schedulerOf(t.pulse).tick()).toMatchObject({ delivered: 1 });
    const [heading, ...thread] = channel("C1");
    expect(heading).toMatchObject({ metadata: { event_payload: { key } } });
    expect(heading!.thread_ts).toBeUndefined();
    expect(thread.map((m) => m.thread_ts)).toEqual([heading!.ts, heading!.ts, heading!.ts]);
    expect(keysIn("C1")).toEqual([key, `${key}:a0`, `${key}:a1`, `${key}:c1.png`]);
  });

  it("a retry after the answer post failed sends the answers only, once each", async () => {
    const key = await dueFiring("slack", "C2");
    t.slack.failNext("chat.postMessage", {
      status: 500,
      match: (params) => params.thread_ts !== undefined,
    });
    const scheduler = schedulerOf(t.pulse, { retryMs: 1000 });
    expect(await scheduler.tick()).toMatchObject({ delivered: 0 });
    expect(keysIn("C2")).toEqual([key]);
    t.pulse.clock.set("2026-03-02T09:01:00Z");
    expect(await scheduler.tick()).toMatchObject({ delivered: 1 });
    expect(keysIn("C2")).toEqual([key, `${key}:a0`, `${key}:a1`, `${key}:c1.png`]);
    const [firing] = await t.db.rows<{ status: string; attempts: number }>(
      sql`select status, attempts from alert_firings where message->>'key' = ${key}`,
    );
    expect(firing).toEqual({ status: "delivered", attempts: 2 });
  });

  it("a process killed between parts leaves the rest to the next one, which sends each missing part once", async () => {
    const key = await dueFiring("slack", "C3");
    const real = alertSenders(t.pulse).slack!;
    // The first process posts the heading and the first answer, then dies while sending the chart's text.
    let sent = 0;
    const dying = schedulerOf(
      t.pulse,
      {},
      {
        slack: {
          send: async (target, message, part, thread) => {
            if (sent++ === 2) {
              await real.send(target, message, part, thread);
              return new Promise<string>(() => {});
            }
            return real.send(target, message, part, thread);
          },
        },
      },
    );
    void dying.tick();
    await t.slack.waitFor(() => channel("C3").length === 3);
    t.pulse.clock.set("2026-03-02T09:10:00Z");
    expect(await schedulerOf(t.pulse).tick()).toMatchObject({ delivered: 1 });
    expect(keysIn("C3")).toEqual([key, `${key}:a0`, `${key}:a1`, `${key}:c1.png`]);
    // Only the part that was in flight was looked up.
    expect(t.slack.calls.filter((c) => c.method === "conversations.replies")).toHaveLength(1);
  });

  it("Telegram: answers reply silently to the heading, and a retry sends only the parts not recorded", async () => {
    // Telegram answers nobody until a rule allows the chat.
    await createAccess(t.db, "shop").allow({
      platform: "telegram",
      kind: "chat",
      subject: "-1001",
    });
    await dueFiring("telegram", "-1001");
    t.telegram.fail({
      match: (call) => call.method === "sendPhoto",
      errorCode: 500,
      description: "Internal Server Error",
    });
    const scheduler = schedulerOf(t.pulse, { retryMs: 1000 });
    expect(await scheduler.tick()).toMatchObject({ delivered: 0 });
    t.pulse.clock.set("2026-03-02T09:01:00Z");
    expect(await scheduler.tick()).toMatchObject({ delivered: 1 });
    const ok = t.telegram.calls.filter((c) => c.status === 200);
    expect(ok.map((c) => c.method)).toEqual([
      "sendMessage",
      "sendMessage",
      "sendMessage",
      "sendPhoto",
    ]);
    const heading = ok[0]!;
    expect(heading.params.disable_notification).toBeUndefined();
    for (const answer of ok.slice(1)) {
      expect(answer.params.disable_notification).toBe(true);
      expect(JSON.stringify(answer.params.reply_parameters)).toContain('"message_id"');
    }
    expect(t.telegram.violations).toEqual([]);
  });
});
