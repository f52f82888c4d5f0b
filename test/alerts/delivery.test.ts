/**
 * Delivery through the chat adapters' AlertSenders over HTTP: Telegram gets
 * the heading with Snooze and Mute buttons and then the answer; the buttons
 * change the rule of the chat they are pressed in, for allowed people only.
 */
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { alertSenders } from "../../bots/alerts/start.js";
import { createAccess } from "../../src/access/access.js";
import { pressAlertButton } from "../../src/alerts/buttons.js";
import { getRule } from "../../src/alerts/rules.js";
import { alertPosts, alertSuite, schedulerOf, storeRule } from "../support/alert-harness.js";
import { drivers } from "../support/databases.js";

describe("alert delivery", () => {
  const t = alertSuite(() => drivers[0]!.open(), {
    start: "2026-03-02T08:00:00Z",
    empty: ["alert_rules", "access_rules"],
  });
  beforeEach(() =>
    createAccess(t.db, "shop").allow({ platform: "telegram", kind: "chat", subject: "-1001" }),
  );

  it("sends the heading with Snooze and Mute buttons, then the answer, to the rule's chat", async () => {
    const rule = await storeRule(t.pulse, {
      title: "every Monday at 9 send revenue last week",
      definition: { kind: "digest", questions: ["revenue last week"] },
      schedule: "0 9 * * 1",
      platform: "telegram",
      chatId: "-1001",
      ownerId: "42",
    });
    t.pulse.clock.set("2026-03-02T09:00:05Z");
    expect(await schedulerOf(t.pulse).tick()).toMatchObject({ delivered: 1 });
    const sends = t.telegram.calls.filter((c) => c.method === "sendMessage");
    expect(sends).toHaveLength(2);
    expect(sends[0]!.params).toMatchObject({ chat_id: "-1001" });
    expect(String(sends[0]!.params.text)).toContain(
      `Alert ${rule.id}: every Monday at 9 send revenue last week`,
    );
    expect(JSON.stringify(sends[0]!.params.reply_markup)).toContain(`al:s:${rule.id}`);
    expect(JSON.stringify(sends[0]!.params.reply_markup)).toContain(`al:m:${rule.id}`);
    expect(String(sends[1]!.params.text)).toMatch(/revenue/i);
    expect(t.telegram.violations).toEqual([]);
  });

  it("snoozes or mutes from a button only in the rule's own chat and only for allowed people", async () => {
    const rule = await storeRule(t.pulse, {
      title: "churn",
      definition: {
        kind: "threshold",
        question: "churn last 30 days",
        comparison: ">",
        value: 5,
        minVolume: 30,
      },
      platform: "telegram",
      chatId: "-1001",
      ownerId: "42",
    });
    const asker = {
      workspaceId: "shop",
      platform: "telegram" as const,
      userId: "42",
      chatId: "-1001",
      isDirect: false,
    };
    const press = (where: typeof asker, button: "snooze" | "mute") =>
      pressAlertButton(t.pulse, where, button, rule.id);
    expect(await press(asker, "snooze")).toMatchObject({
      kind: "notice",
      text: expect.stringContaining("Snoozed"),
    });
    expect((await getRule(t.db, { workspaceId: "shop" }, rule.id)).snoozedUntil).not.toBeNull();
    await createAccess(t.db, "shop").allow({
      platform: "telegram",
      kind: "chat",
      subject: "-2002",
    });
    // Another chat's rule is no rule here: said to the presser alone.
    expect(await press({ ...asker, chatId: "-2002" }, "mute")).toMatchObject({
      kind: "unknown",
      text: expect.stringContaining("no alert"),
    });
    const access = createAccess(t.db, "shop");
    await access.revoke({ platform: "telegram", kind: "chat", subject: "-1001" });
    await access.allow({ platform: "telegram", kind: "user", subject: "42" });
    // A user rule allows the person's direct messages, not the group.
    expect(await press(asker, "mute")).toMatchObject({
      kind: "refused",
      text: expect.stringContaining("only people allowed"),
    });
    await t.db.rows(sql`delete from access_rules`);
    await access.allow({ platform: "telegram", kind: "chat", subject: "-1001" });
    expect((await press(asker, "mute")).text).toContain("Muted");
    expect((await getRule(t.db, { workspaceId: "shop" }, rule.id)).status).toBe("paused");
  });

  it("a firing whose process died after Slack accepted it is not posted again by the next process", async () => {
    const rule = await storeRule(t.pulse, {
      title: "weekly",
      definition: { kind: "digest", questions: [] },
      schedule: "0 9 * * 1",
      chatId: "C77",
    });
    const real = alertSenders(t.pulse).slack!;
    // The first process posts, then hangs before it can record the delivery (as if killed).
    const dying = schedulerOf(
      t.pulse,
      {},
      {
        slack: {
          send: async (target, message, part, thread) => {
            await real.send(target, message, part, thread);
            return new Promise<string>(() => {});
          },
        },
      },
    );
    t.pulse.clock.set(new Date(rule.nextRunAt!.getTime() + 5_000));
    void dying.tick();
    await t.slack.waitFor((calls) => alertPosts(calls, "C77").length === 1);
    t.pulse.clock.set(new Date(t.pulse.clock.now().getTime() + 5 * 60_000));
    await schedulerOf(t.pulse).tick();
    const [firing] = await t.db.rows<{ status: string; attempts: number }>(
      sql`select status, attempts from alert_firings where rule_id = ${rule.id}`,
    );
    expect(firing).toEqual({ status: "delivered", attempts: 2 });
    expect(t.slack.calls.filter((c) => c.method === "conversations.history")).toHaveLength(1);
    expect(alertPosts(t.slack.calls, "C77")).toHaveLength(1);
  });

  it("a post Slack stored but answered with a 500 is looked up before it is posted again, so it appears once", async () => {
    const rule = await storeRule(t.pulse, {
      title: "weekly",
      definition: { kind: "digest", questions: [] },
      schedule: "0 9 * * 1",
      chatId: "C77",
    });
    t.slack.failNext("chat.postMessage", { status: 500, stored: true });
    t.pulse.clock.set(new Date(rule.nextRunAt!.getTime() + 5_000));
    await schedulerOf(t.pulse).tick();
    t.pulse.clock.set(new Date(t.pulse.clock.now().getTime() + 60_000));
    await schedulerOf(t.pulse).tick();
    const [firing] = await t.db.rows<{ status: string }>(
      sql`select status from alert_firings where rule_id = ${rule.id}`,
    );
    expect(firing).toEqual({ status: "delivered" });
    expect(t.slack.posted.filter((m) => m.channel === "C77")).toHaveLength(1);
  });

  it("a channel Pulse is not in pauses the rule at the first refusal and tells its owner the channel and the fix", async () => {
    const rule = await storeRule(t.pulse, {
      title: "weekly",
      definition: { kind: "digest", questions: [] },
      schedule: "0 9 * * 1",
      chatId: "C77",
      ownerId: "U9",
    });
    t.slack.failNext("chat.postMessage", {
      error: "not_in_channel",
      match: (p) => p.channel === "C77",
    });
    t.pulse.clock.set(new Date(rule.nextRunAt!.getTime() + 5_000));
    expect(await schedulerOf(t.pulse).tick()).toMatchObject({ failed: 1, delivered: 1 });
    expect(t.slack.calls.filter((c) => c.params.channel === "C77")).toHaveLength(1);
    const stored = await getRule(t.db, { workspaceId: "shop" }, rule.id);
    expect(stored).toMatchObject({
      status: "paused",
      blockedReason: expect.stringContaining("Pulse is not in <#C77>"),
    });
    const told = t.slack.posted.filter((m) => m.channel === "U9");
    expect(told).toHaveLength(1);
    expect(String(told[0]!.text)).toContain(
      `Pulse paused alert ${rule.id} (weekly): Pulse is not in <#C77>`,
    );
    expect(String(told[0]!.text)).toContain(`/invite @Pulse`);
    expect(String(told[0]!.text)).toContain(`"resume alert ${rule.id}"`);
    // Nothing more is tried next week, and the owner is not told again.
    t.pulse.clock.set(new Date(rule.nextRunAt!.getTime() + 7 * 86_400_000 + 5_000));
    expect(await schedulerOf(t.pulse).tick()).toMatchObject({ recorded: 0, delivered: 0 });
  });

  it("a Telegram chat that removed the bot (403) pauses the rule at the first refusal and tells its owner", async () => {
    const rule = await storeRule(t.pulse, {
      title: "weekly",
      definition: { kind: "digest", questions: [] },
      schedule: "0 9 * * 1",
      platform: "telegram",
      chatId: "-1001",
      ownerId: "42",
    });
    t.telegram.fail({
      errorCode: 403,
      description: "Forbidden: bot was kicked from the group chat",
      match: (c) => c.method === "sendMessage" && String(c.params.chat_id) === "-1001",
    });
    t.pulse.clock.set(new Date(rule.nextRunAt!.getTime() + 5_000));
    expect(await schedulerOf(t.pulse).tick()).toMatchObject({ failed: 1, delivered: 1 });
    expect((await getRule(t.db, { workspaceId: "shop" }, rule.id)).status).toBe("paused");
    const told = t.telegram.calls.filter(
      (c) => c.method === "sendMessage" && String(c.params.chat_id) === "42",
    );
    expect(told).toHaveLength(1);
    expect(String(told[0]!.params.text)).toContain("cannot send to Telegram chat -1001");
  });
});
