/**
 * Alerts and digests carry numbers: one for a chat that may not see them is
 * refused with the reason when it is made (chat, modal and CLI share
 * runAlertCommand), and a rule whose chat lost its allowance is not sent.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { createAccess } from "../../src/access/access.js";
import { runAlertCommand } from "../../src/alerts/chat-commands.js";
import { parseAlertCommand } from "../../src/alerts/commands.js";
import { AccessDeniedError } from "../../src/errors.js";
import type { Pulse } from "../../src/pulse.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-api.js";
import { alertPosts, alertPulse, schedulerOf, storeRule } from "../support/alert-harness.js";
import { drivers } from "../support/databases.js";

describe("alerts and access", () => {
  let slack: FakeSlack;
  let db: Database;
  let pulse: Pulse & { clock: { set(at: Date | string): void; now(): Date } };
  const create = (chatId: string, platform: "slack" | "telegram" = "slack", userId = "U1") =>
    runAlertCommand(
      pulse,
      { workspaceId: "shop", platform, chatId, userId },
      parseAlertCommand("alert me when churn goes above 5%", "2026-01-01")!,
    );

  beforeAll(async () => {
    slack = await startFakeSlack();
    db = await drivers[0]!.open();
    pulse = await alertPulse(db, slack, "2026-03-02T08:00:00Z");
  });
  afterAll(async () => {
    await db.close();
    await slack.close();
  });
  beforeEach(async () => {
    await db.rows(sql`delete from access_rules`);
    await db.rows(sql`delete from alert_rules`);
  });

  it("an alert for a Slack channel with no rule is refused, with the reason, once rules exist", async () => {
    await createAccess(db, "shop").allow({ platform: "slack", kind: "user", subject: "U1" });
    await expect(create("C2")).rejects.toThrow(AccessDeniedError);
    await expect(create("C2")).rejects.toThrow(
      "alerts cannot go to C2: slack channel C2 is not allowed (pulse access allow slack channel C2); a user rule allows direct messages only",
    );
    // The user's own direct messages are theirs.
    expect(await create("DU1")).toMatch(/^Created alert \d+/);
  });

  it("an alert for a Telegram chat is refused while Telegram has no rule", async () => {
    await expect(create("-1001", "telegram", "42")).rejects.toThrow("no telegram rule yet");
    await createAccess(db, "shop").allow({ platform: "telegram", kind: "chat", subject: "-1001" });
    expect(await create("-1001", "telegram", "42")).toMatch(/^Created alert \d+/);
  });

  it("a digest whose channel lost its allowance is blocked at send time: its owner is told once and list alerts says why", async () => {
    const access = createAccess(db, "shop");
    await access.allow({ platform: "slack", kind: "channel", subject: "C1" });
    const rule = await storeRule(pulse, {
      title: "weekly",
      definition: { kind: "digest", questions: ["revenue last week"] },
      schedule: "0 9 * * 1",
    });
    await access.revoke({ platform: "slack", kind: "channel", subject: "C1" });
    await access.allow({ platform: "slack", kind: "channel", subject: "C3" });
    pulse.clock.set(new Date(rule.nextRunAt!.getTime() + 5_000));
    // Skipped, and the notice to the owner (U1) delivered.
    expect(await schedulerOf(pulse).tick()).toMatchObject({ delivered: 1, skipped: 1 });
    expect(alertPosts(slack.calls, "C1")).toEqual([]);
    expect(slack.calls.filter((c) => c.params.channel === "C1")).toEqual([]);
    const [firing] = await db.rows<{ status: string; last_error: string }>(
      sql`select status, last_error from alert_firings where rule_id = ${rule.id} and purpose = 'alert'`,
    );
    expect(firing).toEqual({
      status: "skipped",
      last_error: expect.stringContaining("slack channel C1 is not allowed"),
    });
    const told = slack.calls.filter(
      (c) => c.method === "chat.postMessage" && c.params.channel === "U1",
    );
    expect(told).toHaveLength(1);
    expect(String(told[0]!.params.text)).toContain(
      `Pulse paused alert ${rule.id} (weekly): alerts cannot go to C1: slack channel C1 is not allowed`,
    );
    const list = await runAlertCommand(
      pulse,
      { workspaceId: "shop", platform: "slack", chatId: "C1", userId: "U1" },
      parseAlertCommand("list alerts", "2026-01-01")!,
    );
    expect(list).toContain("blocked: alerts cannot go to C1");
    // The next week: no silent skip, no second notice.
    pulse.clock.set(new Date(rule.nextRunAt!.getTime() + 7 * 86_400_000 + 5_000));
    expect(await schedulerOf(pulse).tick()).toMatchObject({
      recorded: 0,
      delivered: 0,
      skipped: 0,
    });
    expect(slack.calls.filter((c) => c.params.channel === "U1")).toHaveLength(1);
  });
});
