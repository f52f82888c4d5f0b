/**
 * A detractor's alert and the team's reply, in Telegram through the fake
 * Bot API: the alert carries the score, the comment, its sentiment and
 * themes, the customer's name only in an allowed direct message, and a
 * Reply button; the reply reaches the customer in their chat exactly once.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { collectChanges } from "../../src/alerts/changes.js";
import { loadMessage } from "../../src/alerts/message.js";
import { createRule } from "../../src/alerts/rules.js";
import type { AlertPlatform } from "../../src/alerts/types.js";
import { raiseWaitingDetractors, recordAnswer, recordComment } from "../../src/surveys/answers.js";
import type { FakeTelegram } from "../fakes/telegram-api.js";
import { seedCampaigns } from "../support/survey-campaigns.js";
import { startTelegramHarness, type TelegramHarness } from "../support/telegram-harness.js";

const ws = "shop";
const team = { id: 801, is_bot: false, first_name: "Tea" };
const dm = { id: 801, type: "private", first_name: "Tea" };
const group = { id: -9001, type: "group", title: "Team" };

describe("detractor alerts and the team's reply (Telegram)", () => {
  let harness: TelegramHarness;
  let fake: FakeTelegram;
  let updateId = 0;
  const sentTo = (chatId: number) =>
    fake.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chatId);
  const detractorEvent = async () => {
    // a5 (Di, telegram chat 7005) answers NPS 2 to a new prompt and writes why.
    const [prompt] = await harness.pulse.db.rows<{ id: number }>(sql`insert into survey_prompts
        (workspace_id, customer_id, kind, channel, status, sent_at)
      values (${ws}, 'a5', 'nps', 'telegram', 'sent', '2026-11-22T11:00:00Z') returning id`);
    const promptId = Number(prompt!.id);
    const at = new Date("2026-11-22T12:00:00Z");
    await recordAnswer(harness.pulse.db, {
      workspaceId: ws,
      promptId,
      customerId: "a5",
      score: 2,
      at,
    });
    await recordComment(harness.pulse.db, {
      workspaceId: ws,
      promptId,
      customerId: "a5",
      text: "The delivery was late again and nobody answered",
    });
    return `prompt-${promptId}`;
  };
  const rule = (platform: AlertPlatform, chatId: string) =>
    createRule(
      harness.pulse.db,
      {
        workspaceId: ws,
        title: "detractors",
        definition: {
          kind: "event",
          source: "event",
          conditions: [{ field: "kind", op: "=", value: "survey_detractor" }],
        },
        timezone: "UTC",
        platform,
        chatId,
        ownerId: String(team.id),
      },
      new Date("2026-11-22T11:00:00Z"),
    );

  beforeAll(async () => {
    harness = await startTelegramHarness({
      env: { PULSE_WORKSPACE: ws },
      allow: [
        { platform: "telegram", kind: "user", subject: String(team.id) },
        { platform: "telegram", kind: "chat", subject: String(group.id) },
      ],
    });
    fake = harness.fake;
    await seedCampaigns(harness.pulse.db, ws);
  }, 180_000);
  afterAll(() => harness?.close());
  beforeEach(() => {
    fake.calls.length = 0;
  });

  it("the alert names the customer only in an allowed direct message, with the comment's sentiment and themes and a Reply", async () => {
    const inDm = await rule("telegram", String(dm.id));
    const inGroup = await rule("telegram", String(group.id));
    const responseId = await detractorEvent();
    await collectChanges(harness.pulse.db, new Date("2026-11-22T12:01:00Z"));
    const messages = await harness.pulse.db.rows<{ rule_id: number; message: unknown }>(
      sql`select rule_id, message from alert_firings order by rule_id`,
    );
    const byRule = new Map(messages.map((m) => [m.rule_id, loadMessage(m.message)]));
    const direct = byRule.get(inDm.id)!;
    const shared = byRule.get(inGroup.id)!;
    expect(direct.heading).toMatch(
      /^Alert \d+: survey detractor from Di \(customer a5\) \(NPS score 2\): "The delivery was late again and nobody answered"\. \(sentiment -0\.\d+, about delivery, support, in English\)$/,
    );
    expect(shared.heading).toContain("survey detractor from customer a5 (NPS score 2)");
    expect(shared.heading).not.toContain("Di");
    expect(direct.reply).toEqual({ responseId });
    expect(shared.reply).toEqual({ responseId });
    // Raised at the comment: the wait finds nothing left to raise.
    expect(
      await raiseWaitingDetractors(harness.pulse.db, ws, new Date("2026-11-22T13:00:00Z")),
    ).toBe(0);
  });

  it("Reply sends the team's answer to the customer in their chat, exactly once", async () => {
    const responseId = await detractorEvent();
    fake.pushUpdate({
      update_id: ++updateId,
      callback_query: {
        id: "cb-reply",
        from: team,
        chat_instance: "x",
        data: `ar:${responseId}`,
        message: { message_id: 50, date: 1, chat: dm },
      },
    });
    await fake.waitFor(() => sentTo(dm.id).length === 1);
    const ask = sentTo(dm.id)[0]!;
    expect(String(ask.params.text)).toContain(
      `Your reply to the customer of survey answer ${responseId}`,
    );
    const answer = (messageId: number, text: string) => ({
      update_id: ++updateId,
      message: {
        message_id: messageId,
        date: 1,
        chat: dm,
        from: team,
        text,
        reply_to_message: {
          message_id: ask.messageId!,
          date: 1,
          chat: dm,
          from: { id: harness.bot.botInfo.id, is_bot: true, first_name: "Pulse" },
          text: String(ask.params.text),
        },
      },
    });
    fake.pushUpdate(answer(51, "Sorry Di, we refunded the delivery."));
    await fake.waitFor(() => sentTo(dm.id).length === 2);
    expect(sentTo(dm.id)[1]!.params.text).toBe("Sent to customer a5 in Telegram.");
    // The same reply again (a double send), and a second answer: neither reaches the customer.
    fake.pushUpdate(answer(52, "Sorry Di, we refunded the delivery."));
    fake.pushUpdate(answer(53, "One more thing"));
    await fake.waitFor(() => sentTo(dm.id).length === 4);
    expect(String(sentTo(dm.id)[3]!.params.text)).toMatch(
      /^Not sent: telegram user 801 already replied to this customer at .* \("Sorry Di, we refunded the delivery\."\)/,
    );
    expect(sentTo(7005).map((c) => c.params.text)).toEqual(["Sorry Di, we refunded the delivery."]);
  }, 180_000);
});
