/**
 * The customer side of the real grammY bot against the fake Bot API: deep
 * links, opt-out, NPS buttons, CSAT/CES polls, the follow-up comment,
 * duplicate updates, locales and the webhook's secret. Shop fixture.
 */
import { sql } from "drizzle-orm";
import { Api, type Bot } from "grammy";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTelegramBot } from "../../bots/telegram/bot.js";
import { telegramSurveyTransport } from "../../bots/telegram/survey-transport.js";
import { startWebhookServer } from "../../bots/telegram/webhook.js";
import type { fixedClock } from "../../src/clock.js";
import type { Pulse } from "../../src/pulse.js";
import {
  CHANGE_WINDOW_MS,
  DETRACTOR_WAIT_MS,
  raiseWaitingDetractors,
} from "../../src/surveys/answers.js";
import { queueCampaign } from "../../src/surveys/campaigns.js";
import { createSurveySender } from "../../src/surveys/delivery.js";
import { newLinkId } from "../../src/surveys/link-token.js";
import { unlinkCustomer } from "../../src/surveys/links.js";
import { createSurveys } from "../../src/surveys/surveys.js";
import type { FakeTelegram, TelegramCall } from "../fakes/telegram-api.js";

import { surveyLinkToken } from "../support/survey-customers.js";
import {
  botToken,
  startTelegramHarness,
  type TelegramHarness,
} from "../support/telegram-harness.js";

const secret = "survey-test-secret";
let messageId = 0;
let callbackId = 0;

const user = (id: number, language = "en") => ({
  id,
  is_bot: false,
  first_name: `U${id}`,
  language_code: language,
});
const message = (chatId: number, text: string, language = "en", replyTo?: number) => ({
  message: {
    message_id: ++messageId,
    date: 1,
    chat: { id: chatId, type: "private", first_name: `U${chatId}` },
    from: user(chatId, language),
    text,
    ...(replyTo === undefined
      ? {}
      : {
          reply_to_message: {
            message_id: replyTo,
            date: 1,
            chat: { id: chatId, type: "private", first_name: `U${chatId}` },
            text: "…",
          },
        }),
    ...(text.startsWith("/")
      ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] }
      : {}),
  },
});
const tap = (chatId: number, data: string) => ({
  callback_query: {
    id: `cb${++callbackId}`,
    from: user(chatId),
    chat_instance: "x",
    data,
    message: { message_id: 1, date: 1, chat: { id: chatId, type: "private" } },
  },
});

describe("Telegram bot (customer surveys)", () => {
  let fake: FakeTelegram;
  let pulse: Pulse;
  let bot: Bot;
  let harness: TelegramHarness;
  const to = (chatId: number) => (c: TelegramCall) => String(c.params.chat_id) === String(chatId);
  const sentTo = (chatId: number) =>
    fake.calls.filter(
      (c) => c.method.startsWith("send") && c.method !== "sendChatAction" && to(chatId)(c),
    );
  const link = async (customerId: string, chatId: number, language = "en") => {
    const before = sentTo(chatId).length;
    fake.pushUpdate(
      message(chatId, `/start ${await surveyLinkToken(pulse, customerId)}`, language),
    );
    await fake.waitFor(() => sentTo(chatId).length === before + 1);
    return sentTo(chatId).at(-1)!;
  };
  /** Queues a prompt for one customer and runs a sender until it went out. */
  const ask = async (customerId: string, kind: "nps" | "csat" | "ces") => {
    const [row] = await pulse.db.rows<{ id: number }>(sql`insert into survey_prompts
      (workspace_id, customer_id, kind, channel) values ('shop', ${customerId}, ${kind}, 'telegram')
      returning id`);
    await createSurveySender({
      db: pulse.db,
      workspaceId: "shop",
      transport: telegramSurveyTransport(bot.api),
      wording: await createSurveys(pulse).wording(),
      clock: pulse.clock,
      logger: pulse.logger,
    }).drain();
    return Number(row!.id);
  };
  /** A customer of our own beside the shop's seven. */
  const newCustomer = async (id: string) => {
    await pulse.db.rows(sql`insert into customers (workspace_id, id, signup_at)
      values ('shop', ${id}, '2026-01-01T00:00:00Z')`);
    return id;
  };
  const responsesOf = (customerId: string) =>
    pulse.db.rows<{
      kind: string;
      score: number;
      comment: string | null;
      sentiment: number | null;
    }>(
      sql`select kind, score, comment, sentiment from survey_responses
        where workspace_id = 'shop' and customer_id = ${customerId} and prompt_id is not null
          and id like 'prompt-%'`,
    );

  beforeAll(async () => {
    harness = await startTelegramHarness({
      env: { PULSE_SECRET: secret, SURVEY_BUSINESS_NAME: "Aalto Shoes" },
    });
    ({ fake, pulse, bot } = harness);
  });
  afterAll(() => harness?.close());
  beforeEach(() => {
    fake.calls.length = 0;
  });

  it("/start with a signed deep link connects the chat to the customer", async () => {
    const reply = await link("c1", 7001);
    expect(reply.params.text).toContain("This chat is now connected to Aalto Shoes");
    const [row] = await pulse.db.rows<{ telegram_chat_id: string }>(
      sql`select telegram_chat_id from customers where workspace_id = 'shop' and id = 'c1'`,
    );
    expect(row!.telegram_chat_id).toBe("7001");
  });

  it("a linked customer's command menu offers /stop only", async () => {
    await link("c1", 7001);
    const menu = fake.calls.find(
      (c) =>
        c.method === "setMyCommands" &&
        (c.params.scope as { chat_id?: number } | undefined)?.chat_id === 7001,
    );
    expect(menu!.params.commands).toEqual([{ command: "stop", description: "Stop surveys" }]);
  });

  it("/stop in a chat that is no customer's says there is nothing to stop", async () => {
    fake.pushUpdate(message(7100, "/stop"));
    await fake.waitFor(() => sentTo(7100).length === 1);
    expect(sentTo(7100)[0]!.params.text).toContain("not connected to any surveys");
  });

  it("a forged token is refused and links nobody", async () => {
    const real = await surveyLinkToken(pulse, "c2");
    const forged = `${newLinkId()}${real.slice(16)}`;
    fake.pushUpdate(message(7002, `/start ${forged}`));
    await fake.waitFor(() => sentTo(7002).length === 1);
    expect(sentTo(7002)[0]!.params.text).toContain("This link is not valid");
    const linked = await pulse.db.rows(
      sql`select id from customers where telegram_chat_id = '7002'`,
    );
    expect(linked).toEqual([]);
  });

  it("/stop opts the customer out, and /start opts them back in", async () => {
    await link("c2", 7003);
    const optOut = () =>
      pulse.db.rows<{ survey_opt_out: boolean }>(
        sql`select survey_opt_out from customers where workspace_id = 'shop' and id = 'c2'`,
      );
    fake.pushUpdate(message(7003, "/stop"));
    await fake.waitFor(() => sentTo(7003).length === 2);
    expect(sentTo(7003)[1]!.params.text).toContain("You will not get surveys from Aalto Shoes");
    expect((await optOut())[0]!.survey_opt_out).toBe(true);
    // Nothing goes to an opted-out customer.
    await ask("c2", "nps");
    expect(sentTo(7003)).toHaveLength(2);
    fake.pushUpdate(message(7003, "/start"));
    await fake.waitFor(() => sentTo(7003).length === 3);
    expect(sentTo(7003)[2]!.params.text).toContain("Welcome back!");
    expect((await optOut())[0]!.survey_opt_out).toBe(false);
  });

  it("NPS comes as 11 buttons; a tap is the answer and the reply to the follow-up its comment, scored", async () => {
    await link("c3", 7004);
    const promptId = await ask("c3", "nps");
    const question = sentTo(7004).at(-1)!;
    expect(question.params.text).toContain(
      "How likely are you to recommend Aalto Shoes to a friend or colleague?",
    );
    const buttons = (
      question.params.reply_markup as { inline_keyboard: { text: string }[][] }
    ).inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual([
      "0",
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
    ]);
    const before = sentTo(7004).length;
    fake.pushUpdate(tap(7004, `sv:${promptId}:3`));
    await fake.waitFor(() => sentTo(7004).length === before + 1);
    const followUp = sentTo(7004).at(-1)!;
    expect(followUp.params.text).toContain("What is the main reason for your score?");
    expect(followUp.params.reply_markup).toEqual({ force_reply: true });
    const edited = fake.calls.find((c) => c.method === "editMessageReplyMarkup")!;
    expect(JSON.stringify(edited.params.reply_markup)).toContain('"text":"✓ 3"');
    fake.pushUpdate(
      message(
        7004,
        "The delivery was very slow and the support was terrible",
        "en",
        followUp.messageId,
      ),
    );
    await fake.waitFor(() => sentTo(7004).length === before + 2);
    expect(sentTo(7004).at(-1)!.params.text).toBe("Thank you for your feedback!");
    const [response] = await responsesOf("c3");
    expect(response).toMatchObject({
      kind: "nps",
      score: 3,
      comment: "The delivery was very slow and the support was terrible",
    });
    expect(response!.sentiment).toBeLessThan(0);
    const events = await pulse.db.rows<{ text: string; properties: { score: number } }>(
      sql`select text, properties from events where kind = 'survey_detractor' and customer_id = 'c3'`,
    );
    expect(events).toEqual([
      {
        text: "The delivery was very slow and the support was terrible",
        properties: {
          responseId: `prompt-${promptId}`,
          kind: "nps",
          score: 3,
          language: "en",
          themes: ["delivery", "support"],
        },
      },
    ]);
  });

  it("double taps and replayed updates make one response and one follow-up", async () => {
    await link("c4", 7005);
    const promptId = await ask("c4", "nps");
    const before = sentTo(7005).length;
    const taps = [0, 1, 2].map(() => fake.pushUpdate(tap(7005, `sv:${promptId}:9`)));
    for (const update of taps) await harness.handled(update);
    expect(fake.calls.filter((c) => c.method === "answerCallbackQuery")).toHaveLength(3);
    // The follow-up leaves off the update's path; only the first tap asked for one.
    await fake.waitFor(() => sentTo(7005).length === before + 1);
    expect(await responsesOf("c4")).toEqual([
      { kind: "nps", score: 9, comment: null, sentiment: null },
    ]);
  });

  it("a tap on a test question (`pulse survey test`) is answered as a test and never recorded", async () => {
    fake.pushUpdate(tap(7020, "sv:0:7"));
    await fake.waitFor((calls) =>
      calls.some(
        (c) => c.method === "answerCallbackQuery" && String(c.params.text).startsWith("A test"),
      ),
    );
    const toast = fake.calls.find(
      (c) => c.method === "answerCallbackQuery" && String(c.params.text).startsWith("A test"),
    )!;
    expect(toast.params.text).toBe("A test: your answer 7 is not recorded.");
    const rows = await pulse.db.rows(sql`select 1 from survey_responses where prompt_id = '0'`);
    expect(rows).toEqual([]);
  });

  it("CSAT is answered by a vote in a native poll (poll_answer)", async () => {
    await link("c5", 7006);
    await ask("c5", "csat");
    const poll = sentTo(7006).at(-1)!;
    expect(poll.method).toBe("sendPoll");
    expect(poll.params.is_anonymous).toBe(false);
    const pollId = (
      await pulse.db.rows<{ poll_id: string }>(
        sql`select poll_id from survey_prompts where customer_id = 'c5'`,
      )
    )[0]!.poll_id;
    fake.pushUpdate({ poll_answer: { poll_id: pollId, user: user(7006), option_ids: [3] } });
    await fake.waitFor(() => sentTo(7006).at(-1)!.method === "sendMessage");
    expect(sentTo(7006).at(-1)!.params.text).toContain("main reason");
    expect(await responsesOf("c5")).toMatchObject([{ kind: "csat", score: 4 }]);
    // A new vote after the change window: Telegram shows it, the first answer stands, and the bot says so.
    const clock = pulse.clock as ReturnType<typeof fixedClock>;
    const before = sentTo(7006).length;
    clock.set(new Date(clock.now().getTime() + CHANGE_WINDOW_MS + 60_000));
    try {
      fake.pushUpdate({ poll_answer: { poll_id: pollId, user: user(7006), option_ids: [0] } });
      await fake.waitFor(() => sentTo(7006).length === before + 1);
    } finally {
      clock.set("2026-11-22T12:00:00Z");
    }
    expect(sentTo(7006).at(-1)!.params.text).toBe("Your answer was already recorded.");
    expect(await responsesOf("c5")).toMatchObject([{ kind: "csat", score: 4 }]);
  });

  it("CES is answered by poll too, and its worst answer is a detractor", async () => {
    await link("c6", 7007);
    await ask("c6", "ces");
    const poll = sentTo(7007).at(-1)!;
    expect(poll.params.options).toHaveLength(7);
    const [{ poll_id }] = (await pulse.db.rows<{ poll_id: string }>(
      sql`select poll_id from survey_prompts where customer_id = 'c6'`,
    )) as [{ poll_id: string }];
    // A vote from someone else does not count.
    fake.pushUpdate({ poll_answer: { poll_id, user: user(9999), option_ids: [6] } });
    fake.pushUpdate({ poll_answer: { poll_id, user: user(7007), option_ids: [0] } });
    await fake.waitFor(() => sentTo(7007).at(-1)!.method === "sendMessage");
    expect(await responsesOf("c6")).toMatchObject([{ kind: "ces", score: 1 }]);
    const events = () =>
      pulse.db.rows(
        sql`select id from events where kind = 'survey_detractor' and customer_id = 'c6'`,
      );
    // Its alert waits for the comment; none came, so it goes after the change window.
    expect(await events()).toHaveLength(0);
    const later = new Date(pulse.clock.now().getTime() + DETRACTOR_WAIT_MS);
    await raiseWaitingDetractors(pulse.db, pulse.workspaceId, later);
    expect(await events()).toHaveLength(1);
  });

  it("texts follow the customer's language, falling back to English", async () => {
    const finnish = await link("c7", 7008, "fi");
    expect(finnish.params.text).toContain("Tämä keskustelu on nyt yhdistetty: Aalto Shoes");
    await ask("c7", "nps");
    expect(sentTo(7008).at(-1)!.params.text).toContain("Kuinka todennäköisesti suosittelisit");
    await pulse.db.rows(sql`update customers set locale = null where id = 'c1'`);
    const german = await link("c1", 7009, "de");
    expect(german.params.text).toContain("This chat is now connected to Aalto Shoes");
  });

  it("webhook mode refuses a request without the secret token and processes a signed one", async () => {
    const hooked = createTelegramBot(pulse, {
      botInfo: {
        id: 42,
        is_bot: true,
        first_name: "Pulse",
        username: "pulse_test_bot",
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
        can_connect_to_business: false,
        has_main_web_app: false,
      } as never,
    });
    const server = await startWebhookServer(hooked, {
      port: 0,
      path: "/telegram",
      secret: "hook-secret",
      logger: pulse.logger,
    });
    try {
      const post = (secretToken: string | null, update: Record<string, unknown>) =>
        fetch(`http://127.0.0.1:${server.port}/telegram`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(secretToken ? { "x-telegram-bot-api-secret-token": secretToken } : {}),
          },
          body: JSON.stringify({ update_id: 900_000 + ++messageId, ...update }),
        });
      expect((await post("wrong", message(7010, "/start"))).status).toBe(401);
      expect((await post(null, message(7010, "/start"))).status).toBe(401);
      expect(sentTo(7010)).toEqual([]);
      expect((await post("hook-secret", message(7010, "/start"))).status).toBe(200);
      await fake.waitFor(() => sentTo(7010).length === 1);
      // A body that is no update is the sender's mistake, not the server's.
      const garbled = await fetch(`http://127.0.0.1:${server.port}/telegram`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-telegram-bot-api-secret-token": "hook-secret",
        },
        body: "{not json",
      });
      expect(garbled.status).toBe(400);
    } finally {
      await server.close();
    }
  });

  it("a link another chat used first is refused, and the customer stays where they are", async () => {
    const token = await surveyLinkToken(pulse, await newCustomer("n8"));
    fake.pushUpdate(message(7011, `/start ${token}`));
    await fake.waitFor(() => sentTo(7011).length === 1);
    fake.pushUpdate(message(7012, `/start ${token}`));
    await fake.waitFor(() => sentTo(7012).length === 1);
    expect(sentTo(7012)[0]!.params.text).toContain("already used in another chat");
    const [row] = await pulse.db.rows<{ telegram_chat_id: string }>(
      sql`select telegram_chat_id from customers where workspace_id = 'shop' and id = 'n8'`,
    );
    expect(row!.telegram_chat_id).toBe("7011");
    // The first chat may open its own link again.
    fake.pushUpdate(message(7011, `/start ${token}`));
    await fake.waitFor(() => sentTo(7011).length === 2);
    expect(sentTo(7011)[1]!.params.text).toContain("This chat is now connected");
  });

  it("an expired link is refused and links nobody", async () => {
    const token = await surveyLinkToken(pulse, await newCustomer("n9"));
    await pulse.db.rows(
      sql`update survey_links set expires_at = '2026-11-21T00:00:00Z' where customer_id = 'n9'`,
    );
    fake.pushUpdate(message(7013, `/start ${token}`));
    await fake.waitFor(() => sentTo(7013).length === 1);
    expect(sentTo(7013)[0]!.params.text).toContain("This link has expired");
    expect(
      await pulse.db.rows(sql`select id from customers where telegram_chat_id = '7013'`),
    ).toEqual([]);
  });

  it("unlinking a customer revokes their links and disconnects their chat", async () => {
    await link(await newCustomer("n10"), 7014);
    const spare = await surveyLinkToken(pulse, "n10");
    const done = await unlinkCustomer(pulse.db, "shop", "n10", new Date());
    expect(done).toEqual({ revokedLinks: 2, chatUnlinked: true, cancelledPrompts: 0 });
    fake.pushUpdate(message(7015, `/start ${spare}`));
    await fake.waitFor(() => sentTo(7015).length === 1);
    expect(sentTo(7015)[0]!.params.text).toContain("This link is not valid");
    expect(
      await pulse.db.rows(
        sql`select id from customers where id = 'n10' and telegram_chat_id is not null`,
      ),
    ).toEqual([]);
  });

  it("a customer whose id is a 36-character UUID gets a working link", async () => {
    const uuid = "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b";
    const token = await surveyLinkToken(pulse, await newCustomer(uuid));
    expect(token).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    const reply = await link(uuid, 7016);
    expect(reply.params.text).toContain("This chat is now connected");
  });

  /** Sends one update from a chat and returns the one message the bot sends back there. */
  const exchange = async (chatId: number, update: Record<string, unknown>) => {
    const before = sentTo(chatId).length;
    fake.pushUpdate(update);
    await fake.waitFor(() => sentTo(chatId).length === before + 1);
    return sentTo(chatId).at(-1)!;
  };

  it("a message beside the follow-up question is no comment: the customer hears how to add one", async () => {
    await link(await newCustomer("n11"), 7017);
    const promptId = await ask("n11", "nps");
    const followUp = await exchange(7017, tap(7017, `sv:${promptId}:8`));
    expect((await exchange(7017, message(7017, "hei"))).params.text).toContain(
      "reply to our question",
    );
    const command = message(7017, "/ask revenue last month", "en", followUp.messageId);
    expect((await exchange(7017, command)).params.text).toContain("This chat is for short surveys");
    expect((await responsesOf("n11"))[0]!.comment).toBeNull();
  });

  it("after /stop a reply to the follow-up question is not stored", async () => {
    await link(await newCustomer("n12"), 7018);
    const promptId = await ask("n12", "nps");
    const followUp = await exchange(7018, tap(7018, `sv:${promptId}:2`));
    await exchange(7018, message(7018, "/stop"));
    const reply = await exchange(7018, message(7018, "terrible service", "en", followUp.messageId));
    expect(reply.params.text).not.toContain("Thank you for your feedback");
    expect((await responsesOf("n12"))[0]!.comment).toBeNull();
  });

  it("after /stop a tap on the question is not stored: the customer hears that surveys are stopped", async () => {
    await link(await newCustomer("n14"), 7021);
    const promptId = await ask("n14", "nps");
    await exchange(7021, message(7021, "/stop"));
    const answered = () => fake.calls.filter((c) => c.method === "answerCallbackQuery");
    fake.pushUpdate(tap(7021, `sv:${promptId}:2`));
    await fake.waitFor(() => answered().length === 1);
    expect(answered()[0]!.params.text).toContain("You will not get surveys from Aalto Shoes");
    expect(await responsesOf("n14")).toEqual([]);
  });

  it("a tap whose callback answer meets ECONNRESET and whose tick fails still gets the follow-up; the answer is retried", async () => {
    await link(await newCustomer("n15"), 7022);
    const promptId = await ask("n15", "nps");
    fake.fail({
      match: (c) => c.method === "answerCallbackQuery",
      errorCode: 500,
      description: "",
      reset: true,
    });
    fake.fail({
      match: (c) => c.method === "editMessageReplyMarkup",
      errorCode: 400,
      description: "Bad Request: message to edit not found",
    });
    const followUp = await exchange(7022, tap(7022, `sv:${promptId}:4`));
    expect(followUp.params.text).toContain("What is the main reason for your score?");
    expect(
      fake.calls.filter((c) => c.method === "answerCallbackQuery" && c.status === 200),
    ).toHaveLength(1);
  });

  it("a customer who blocked the bot is marked: campaigns count them unreachable and skip them until they /start again", async () => {
    await link(await newCustomer("n16"), 7023);
    fake.fail({
      match: (c) => c.method === "sendMessage" && String(c.params.chat_id) === "7023",
      errorCode: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    await ask("n16", "nps");
    const blocked = async () =>
      (
        await queueCampaign(pulse.db, {
          workspaceId: "shop",
          kind: "nps",
          channel: "telegram",
          audience: "all",
          now: pulse.clock.now(),
          timezone: "UTC",
          minIntervalDays: 0,
          dryRun: true,
        })
      ).skipped["unreachable (blocked the bot or chat gone)"];
    expect(await blocked()).toBe(1);
    await exchange(7023, message(7023, "/start"));
    expect(await blocked()).toBeUndefined();
  });

  it("a /stop sent while a claimed prompt waits out a 429 cancels it: the customer hears the confirmation, never the prompt", async () => {
    await link(await newCustomer("n13"), 7019);
    const prompt = (c: Pick<TelegramCall, "method" | "params">) =>
      String(c.params.chat_id) === "7019" &&
      c.method === "sendMessage" &&
      "reply_markup" in c.params;
    fake.fail({
      match: prompt,
      errorCode: 429,
      description: "Too Many Requests: retry after 3",
      retryAfter: 3,
    });
    await pulse.db.rows(sql`insert into survey_prompts (workspace_id, customer_id, kind, channel)
      values ('shop', 'n13', 'nps', 'telegram')`);
    // As `pulse serve` sends prompts: through an Api of their own, the engine handling their 429s.
    const promptApi = new Api(botToken, { apiRoot: fake.apiRoot });
    const drained = createSurveySender({
      db: pulse.db,
      workspaceId: "shop",
      transport: telegramSurveyTransport(promptApi),
      wording: await createSurveys(pulse).wording(),
      clock: pulse.clock,
      logger: pulse.logger,
    }).drain();
    // The prompt is claimed and refused with 429; while the sender waits, the customer says /stop.
    await fake.waitFor((calls) => calls.some((c) => prompt(c) && c.status === 429));
    fake.pushUpdate(message(7019, "/stop"));
    await fake.waitFor(() =>
      sentTo(7019).some((c) => String(c.params.text).includes("You will not get surveys")),
    );
    expect(await drained).toMatchObject({ sent: 0, cancelled: 1 });
    expect(fake.calls.filter((c) => prompt(c) && c.status === 200)).toEqual([]);
    const [row] = await pulse.db.rows<{ status: string }>(
      sql`select status from survey_prompts where customer_id = 'n13'`,
    );
    expect(row!.status).toBe("cancelled");
  });

  it("every call matches the Bot API", () => {
    expect(fake.violations).toEqual([]);
  });
});
