/**
 * The real grammY bot polling a fake Bot API over HTTP; every call is checked
 * against the published Bot API method list. Shop fixture, clock fixed on 2026-11-22.
 */
import { Api } from "grammy";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTelegramBot } from "../../bots/telegram/bot.js";
import { startPolling } from "../../bots/telegram/polling.js";
import type { Pulse } from "../../src/pulse.js";
import type { FakeTelegram } from "../fakes/telegram-api.js";
import {
  botToken,
  pollingOptions,
  startTelegramHarness,
  type TelegramHarness,
} from "../support/telegram-harness.js";

let messageId = 0;

const privateChat = { id: 1001, type: "private", first_name: "Ann" };
const group = { id: -2002, type: "group", title: "Team" };
const from = { id: 501, is_bot: false, first_name: "Ann" };
/** Ann pressing a button with `data` under `message`. */
const buttonTap = (data: string, message: Record<string, unknown>) => ({
  callback_query: { id: `cb${++messageId}`, from, chat_instance: "x", data, message },
});
const message = (text: string, chat: Record<string, unknown> = privateChat) => ({
  message: {
    message_id: ++messageId,
    date: 1,
    chat,
    from,
    text,
    ...(text.startsWith("/")
      ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] }
      : {}),
  },
});

describe("Telegram bot (team side)", () => {
  let fake: FakeTelegram;
  let pulse: Pulse;
  let harness: TelegramHarness;
  const sent = () =>
    fake.calls.filter((c) => c.method === "sendMessage" || c.method === "sendPhoto");

  beforeAll(async () => {
    harness = await startTelegramHarness({
      allow: [
        { platform: "telegram", kind: "user", subject: String(from.id) },
        { platform: "telegram", kind: "chat", subject: String(group.id) },
      ],
    });
    ({ fake, pulse } = harness);
  });
  afterAll(() => harness?.close());
  beforeEach(() => {
    fake.calls.length = 0;
  });

  it("/ask answers with the chart as a photo, the answer as caption and buttons", async () => {
    fake.pushUpdate(message("/ask what was churn last month?"));
    await fake.waitFor(() => sent().length === 1);
    const photo = sent()[0]!;
    expect(photo.method).toBe("sendPhoto");
    expect(photo.files).toEqual(["photo"]);
    expect((photo.params.photo as Buffer).subarray(1, 4).toString()).toBe("PNG");
    expect(photo.params.caption).toContain("Churn rate in October 2026: 75.0%.");
    expect(photo.params.caption).toContain(
      "churned customers / customers at start of period: 3 / 4",
    );
    expect(JSON.stringify(photo.params.reply_markup)).toContain('"callback_data":"t:');
  });

  it("a plain message in a private chat is a question, and the next one follows up", async () => {
    fake.pushUpdate(message("revenue last month"));
    await fake.waitFor(() => sent().length === 1);
    fake.pushUpdate(message("and by category?"));
    await fake.waitFor(() => sent().length === 2);
    expect(sent()[1]!.params.caption).toContain("By category: shoes $300.00");
  });

  it("chat markup never changes what is asked: emoji, a link, quotes; an emoji in a follow-up", async () => {
    fake.pushUpdate(message("📈 “revenue last month”?? https://x.example/sheet"));
    await fake.waitFor(() => sent().length === 1);
    expect(sent()[0]!.params.caption).toContain("Revenue in October 2026");
    fake.pushUpdate(message("🤔 and by category?"));
    await fake.waitFor(() => sent().length === 2);
    expect(sent()[1]!.params.caption).toContain("By category: shoes $300.00");
  });

  it("under a list, the next message follows up: a breakdown counts them, another month lists that month", async () => {
    fake.pushUpdate(message("who churned last month?"));
    await fake.waitFor(() => sent().length === 1);
    fake.pushUpdate(message("and by plan?"));
    await fake.waitFor(() => sent().length === 2);
    expect(sent()[1]!.params.caption).toContain(
      "Churned customers in October 2026: 3.\nBy plan: pro 2, basic 1.",
    );
    fake.pushUpdate(message("what about September?"));
    await fake.waitFor(() => sent().length === 3);
    const september = sent()[2]!.params;
    expect(String(september.text ?? september.caption)).toContain("September 2026");
  });

  it('"and the month before?" answers the month before the last answer\'s, and again the one before that', async () => {
    fake.pushUpdate(message("revenue last month"));
    await fake.waitFor(() => sent().length === 1);
    expect(sent()[0]!.params.caption).toContain("Revenue in October 2026");
    fake.pushUpdate(message("and the month before?"));
    await fake.waitFor(() => sent().length === 2);
    expect(sent()[1]!.params.caption).toContain("Revenue in September 2026");
    fake.pushUpdate(message("and the month before?"));
    await fake.waitFor(() => sent().length === 3);
    expect(sent()[2]!.params.caption).toContain("Revenue in August 2026");
  });

  it("in a group only a mention is answered", async () => {
    const chatting = fake.pushUpdate(message("just chatting about revenue", group));
    const mention = fake.pushUpdate(message("@pulse_test_bot orders last month", group));
    await harness.handled(chatting);
    await harness.handled(mention);
    expect(sent()).toHaveLength(1);
    expect(sent()[0]!.params.caption).toContain("Orders in October 2026: 4");
  });

  it("the table and explain buttons edit their message; a breakdown is offered under it and answered as a reply", async () => {
    fake.pushUpdate(message("revenue last month"));
    await fake.waitFor(() => sent().length === 1);
    const keyboard = JSON.stringify(sent()[0]!.params.reply_markup);
    const answerId = /"t:([^"]+)"/.exec(keyboard)![1]!;
    const buttons = JSON.parse(keyboard).inline_keyboard;
    const edits = (method: string) => fake.calls.filter((c) => c.method === method);
    const press = (data: string, markup = buttons) =>
      fake.pushUpdate(
        buttonTap(data, {
          message_id: 7,
          date: 1,
          chat: privateChat,
          photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }],
          reply_markup: { inline_keyboard: markup },
        }),
      );
    press(`t:${answerId}`);
    await fake.waitFor(() => edits("editMessageCaption").length === 1);
    const table = edits("editMessageCaption")[0]!.params;
    expect(table).toMatchObject({ parse_mode: "HTML", message_id: 7 });
    expect(String(table.caption)).toContain("<pre>");
    expect(JSON.stringify(table.reply_markup)).toContain(`"e:${answerId}"`);
    press(`e:${answerId}`);
    await fake.waitFor(() => edits("editMessageCaption").length === 2);
    expect(edits("editMessageCaption")[1]!.params.caption).toContain(
      "Formula: sum of order amounts less refunds.",
    );
    press(`b:${answerId}`);
    await fake.waitFor(() => edits("editMessageReplyMarkup").length === 1);
    const offered = edits("editMessageReplyMarkup")[0]!.params.reply_markup as {
      inline_keyboard: { callback_data: string }[][];
    };
    expect(JSON.stringify(offered)).toContain(`"t:${answerId}"`);
    expect(JSON.stringify(offered)).toContain(`"d:${answerId}:category"`);
    press(`d:${answerId}:category`, offered.inline_keyboard);
    await fake.waitFor(() => sent().length === 2);
    expect(sent()[1]!.params.caption).toContain("By category");
    expect(sent()[1]!.params.reply_parameters).toMatchObject({ message_id: 7 });
    await fake.waitFor(() => edits("editMessageReplyMarkup").length === 2);
    expect(JSON.stringify(edits("editMessageReplyMarkup")[1]!.params.reply_markup)).not.toContain(
      `"d:`,
    );
    expect(fake.calls.filter((c) => c.method === "answerCallbackQuery")).toHaveLength(4);
  });

  it("a button on an answer that is gone, or under a deleted alert, is answered to the presser alone, not in the chat", async () => {
    const tap = (data: string) =>
      fake.pushUpdate(buttonTap(data, { message_id: 9, date: 1, chat: group }));
    const answers = () => fake.calls.filter((c) => c.method === "answerCallbackQuery");
    tap("w:no-such-answer");
    await fake.waitFor(() => answers().length === 1);
    expect(answers()[0]!.params.text).toContain("no longer available");
    const asker = {
      workspaceId: "shop",
      platform: "telegram" as const,
      userId: String(from.id),
      chatId: String(group.id),
      isDirect: false,
    };
    const made = await pulse.assistant.ask({
      conversationId: "tg:alerts",
      text: "alert me when churn goes above 5%",
      asker,
    });
    const id = /Created alert (\d+)/.exec(made.text)![1]!;
    await pulse.assistant.ask({ conversationId: "tg:alerts", text: `delete alert ${id}`, asker });
    await harness.handled(tap(`al:m:${id}`));
    expect(answers()[1]!.params.text).toContain(`no alert ${id}`);
    expect(sent()).toEqual([]);
  });

  it("a long table is split into messages only at row boundaries", async () => {
    fake.pushUpdate(message("daily revenue this year"));
    await fake.waitFor(() => sent().length === 1);
    const answerId = /"t:([^"]+)"/.exec(JSON.stringify(sent()[0]!.params.reply_markup))![1]!;
    await harness.handled(
      fake.pushUpdate(buttonTap(`t:${answerId}`, { message_id: 1, date: 1, chat: privateChat })),
    );
    const pieces = sent()
      .slice(1)
      .map((c) => String(c.params.text).replace(/^<pre>|<\/pre>$/g, ""));
    expect(pieces.length).toBeGreaterThan(1);
    const rows = pieces.flatMap((p) => p.split("\n")).filter((line) => /^\d{4}-/.test(line));
    expect(rows).toHaveLength(326);
    for (const row of rows) expect(row).toMatch(/^\d{4}-\d{2}-\d{2}\s.*\d$/);
  });

  it("a group that is not allowed gets a refusal and no numbers, even from an allowed user", async () => {
    fake.pushUpdate(
      message("@pulse_test_bot revenue last month", { id: -9999, type: "group", title: "Other" }),
    );
    await fake.waitFor(() => sent().length === 1);
    expect(sent()[0]!.method).toBe("sendMessage");
    expect(sent()[0]!.params.text).toContain("not shared");
    expect(sent()[0]!.params.text).not.toMatch(/\d/);
  });

  it("a 429 on a reply is waited out as retry_after says, then the reply is sent", async () => {
    fake.fail({
      match: (c) => c.method === "sendPhoto",
      errorCode: 429,
      description: "Too Many Requests: retry after 1",
      retryAfter: 1,
    });
    fake.pushUpdate(message("orders last month"));
    await fake.waitFor(() => sent().some((c) => c.status === 200));
    const [refused, accepted] = sent();
    expect(refused!.status).toBe(429);
    expect(accepted!.params.caption).toContain("Orders in October 2026: 4");
    expect(accepted!.at - refused!.at).toBeGreaterThanOrEqual(1000);
  });

  it("replies share one limiter: 40 chats at once get at most 30 messages a second, and a chat's own replies come a second apart, in the order asked", async () => {
    for (let chat = 3001; chat <= 3040; chat++)
      fake.pushUpdate({
        message: {
          message_id: ++messageId,
          date: 1,
          chat: { id: chat, type: "private", first_name: "Guest" },
          from: { id: chat, is_bot: false, first_name: "Guest" },
          text: "hello",
        },
      });
    fake.pushUpdate(message("orders last month"));
    fake.pushUpdate(message("and by category?"));
    await fake.waitFor(() => sent().length === 42, 60_000);
    const times = sent().map((c) => c.at);
    for (const t of times)
      expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(30);
    const ann = sent().filter((c) => String(c.params.chat_id) === String(privateChat.id));
    expect(ann[0]!.params.caption).toContain("Orders in October 2026: 4");
    expect(ann[1]!.params.caption).toContain("By category");
    expect(ann[1]!.at - ann[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it("another program polling the bot (409 Conflict) does not stop Pulse: it answers once that program is gone", async () => {
    const foreign = new Api(botToken, { apiRoot: fake.apiRoot });
    const conflictsBefore = fake.conflicts;
    let polling = true;
    const other = (async () => {
      while (polling) await foreign.getUpdates({ timeout: 0 }).catch(() => {});
    })();
    await fake.waitFor(() => fake.conflicts > conflictsBefore);
    polling = false;
    await other;
    expect(fake.conflicts).toBeGreaterThan(conflictsBefore);
    fake.pushUpdate(message("orders last month"));
    await fake.waitFor(() => sent().length === 1, 30_000);
    expect(sent()[0]!.params.caption).toContain("Orders in October 2026: 4");
  });

  it("of two processes one polls and the other waits, then takes over when it stops", async () => {
    const conflicts = fake.conflicts;
    const second = createTelegramBot(pulse);
    const polling = await startPolling(second, pulse, pollingOptions);
    try {
      expect(polling.polling()).toBe(false);
      fake.pushUpdate(message("orders last month"));
      await fake.waitFor(() => sent().length === 1, 30_000);
      // While both run, only one asks for updates: Telegram never sees two pollers.
      expect(fake.conflicts).toBe(conflicts);
      await harness.polling.stop();
      await fake.waitFor(() => polling.polling(), 30_000);
      fake.pushUpdate(message("nps last month"));
      await fake.waitFor(() => sent().length === 2, 30_000);
    } finally {
      await polling.stop();
    }
  });

  it("every call matches the Bot API: known method, required parameters, nothing unknown", () => {
    expect(fake.violations).toEqual([]);
  });
});
