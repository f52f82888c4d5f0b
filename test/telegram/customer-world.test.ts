/**
 * Customers and the team are two worlds: whatever a linked customer sends in
 * their chat (team commands, plain questions, /help, team buttons), nothing
 * of the team side comes back: no number, no chart, no other customer's name.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FakeTelegram, TelegramCall } from "../fakes/telegram-api.js";
import { surveyLinkToken } from "../support/survey-customers.js";
import { startTelegramHarness, type TelegramHarness } from "../support/telegram-harness.js";

const secret = "customer-world-secret";
const chatId = 7301;
const otherCustomers = ["Bob", "Cat", "Dan", "Eve", "Fay", "Gus"];
let messageId = 0;

const message = (text: string) => ({
  message: {
    message_id: ++messageId,
    date: 1,
    chat: { id: chatId, type: "private", first_name: "Ann" },
    from: { id: chatId, is_bot: false, first_name: "Ann", language_code: "en" },
    text,
    ...(text.startsWith("/")
      ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] }
      : {}),
  },
});

describe("a linked customer's Telegram chat", () => {
  let harness: TelegramHarness;
  let fake: FakeTelegram;
  const toCustomer = (c: TelegramCall) =>
    String(c.params.chat_id) === String(chatId) && c.method !== "sendChatAction";
  const send = async (text: string) => {
    const before = fake.calls.filter(toCustomer).length;
    fake.pushUpdate(message(text));
    await fake.waitFor((calls) => calls.filter(toCustomer).length > before);
    return fake.calls.filter(toCustomer).at(-1)!;
  };

  beforeAll(async () => {
    harness = await startTelegramHarness({
      env: { PULSE_SECRET: secret, SURVEY_BUSINESS_NAME: "Aalto Shoes" },
    });
    fake = harness.fake;
    await send(`/start ${await surveyLinkToken(harness.pulse, "c1")}`);
  });
  afterAll(() => harness?.close());
  beforeEach(() => {
    fake.calls.length = 0;
  });

  const teamQuestions = [
    "/ask revenue last month",
    "/ask which customers are at risk?",
    "revenue last month",
    "which customers are at risk?",
    "what are customers complaining about?",
    "/pulse churn by plan",
    "/setup 123456",
  ];

  it.each(teamQuestions)("%s gets the polite feedback-only answer and no number", async (text) => {
    const reply = await send(text);
    expect(reply.method).toBe("sendMessage");
    expect(reply.params.text).toBe(
      "This chat is for short surveys from Aalto Shoes. Send /stop to stop them.",
    );
  });

  it("/help is the customer help text, in the customer's language", async () => {
    expect((await send("/help")).params.text).toContain("This chat is for feedback to Aalto Shoes");
    await harness.pulse.db.rows(sql`update customers set locale = 'fi' where id = 'c1'`);
    expect((await send("/help")).params.text).toContain("Tämä keskustelu on palautetta");
    await harness.pulse.db.rows(sql`update customers set locale = 'en' where id = 'c1'`);
  });

  it("a team button pressed in the customer's chat answers nothing of the team side", async () => {
    const tap = fake.pushUpdate({
      callback_query: {
        id: "cb-team",
        from: { id: chatId, is_bot: false, first_name: "Ann" },
        chat_instance: "x",
        data: "t:someanswer",
        message: { message_id: 1, date: 1, chat: { id: chatId, type: "private" } },
      },
    });
    await harness.handled(tap);
    expect(fake.calls.some((c) => c.method === "answerCallbackQuery")).toBe(true);
    expect(fake.calls.filter(toCustomer)).toEqual([]);
  });

  it("nothing sent to the customer carries a number, a chart or another customer's name", async () => {
    for (const text of [...teamQuestions, "/help", "how many customers churned?"]) await send(text);
    const sent = fake.calls.filter(toCustomer);
    expect(sent.map((c) => c.method).filter((m) => m !== "sendMessage")).toEqual([]);
    for (const call of sent) {
      const text = String(call.params.text);
      expect(text).not.toMatch(/\d/);
      for (const name of otherCustomers) expect(text).not.toContain(name);
    }
  });
});
