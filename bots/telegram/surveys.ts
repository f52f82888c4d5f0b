/**
 * The customer side of the bot: /start <token> links the chat to a customer,
 * /stop and /start switch surveys off and on, /help says what the chat is
 * for, NPS buttons and CSAT/CES poll votes are answers, and the message after
 * the follow-up question is the comment. Nothing else in a customer's chat
 * (no command, no question, no team button) reaches the team side; chats that
 * are not customers' fall through to it.
 */
import { Composer, type Context } from "grammy";
import type { Pulse } from "../../src/pulse.js";
import { createSurveys } from "../../src/surveys/surveys.js";
import { npsKeyboard, SURVEY_CALLBACK } from "./survey-transport.js";

export function customerSurveys(pulse: Pulse): Composer<Context> {
  const surveys = createSurveys(pulse);
  const feature = new Composer<Context>();
  const privateChats = feature.chatType("private");
  const textsFor = async (locale: string | null | undefined) =>
    (await surveys.wording()).for(locale);

  privateChats.command("start", async (ctx, next) => {
    const token = ctx.match.trim();
    const chatId = String(ctx.chat.id);
    if (token !== "") {
      const result = await surveys.link(chatId, token, ctx.from.language_code);
      if (result.status === "invalid") {
        pulse.logger.warn(
          { chat: chatId },
          "survey link refused: bad signature or unknown customer",
        );
        return void (await ctx.reply((await textsFor(ctx.from.language_code)).linkInvalid));
      }
      const texts = await textsFor(result.customer.locale);
      // A customer's menu offers /stop only, not the team's /ask.
      await ctx.api.setMyCommands([{ command: "stop", description: texts.stopCommand }], {
        scope: { type: "chat", chat_id: ctx.chat.id },
      });
      return void (await ctx.reply(texts.linked));
    }
    return next();
  });

  feature.callbackQuery(SURVEY_CALLBACK, async (ctx) => {
    const [, promptId, score] = ctx.match as RegExpMatchArray;
    const customer = await surveys.customerAt("telegram", String(ctx.chat?.id ?? ctx.from.id));
    const result = customer
      ? await surveys.answer(Number(promptId), customer.id, Number(score))
      : { outcome: "unknown" as const };
    const texts = await textsFor(customer?.locale ?? ctx.from.language_code);
    if (result.outcome === "unknown") return void (await ctx.answerCallbackQuery());
    await ctx.answerCallbackQuery({
      text:
        result.outcome === "locked"
          ? texts.answerLocked
          : texts.answerRecorded.replace("{score}", String(score)),
    });
    if (result.outcome === "recorded" || result.outcome === "changed")
      await ctx.editMessageReplyMarkup({
        reply_markup: npsKeyboard(Number(promptId), Number(score)),
      });
    if (result.outcome === "recorded") {
      await ctx.reply(texts.followUp);
      await surveys.commentAsked(Number(promptId));
    }
  });

  feature.on("poll_answer", async (ctx) => {
    const vote = ctx.pollAnswer;
    // An empty vote is a retracted one: the answer stands until a new vote changes it.
    if (!vote.user || vote.option_ids.length === 0) return;
    const prompt = await surveys.promptOfPoll(vote.poll_id);
    const customer = await surveys.customerAt("telegram", String(vote.user.id));
    if (!prompt || !customer || customer.id !== prompt.customerId) return;
    const result = await surveys.answer(prompt.promptId, customer.id, vote.option_ids[0]! + 1);
    if (result.outcome === "recorded") {
      await ctx.api.sendMessage(vote.user.id, (await textsFor(customer.locale)).followUp);
      await surveys.commentAsked(prompt.promptId);
    }
  });

  // A linked customer's chat is the customer's world: survey handling only, whatever is sent.
  // (A new chatType branch: the first one sits before the survey buttons in the chain.)
  const afterAnswers = feature.chatType("private");
  afterAnswers.use(async (ctx, next) => {
    const customer = await surveys.customerAt("telegram", String(ctx.chat.id));
    if (!customer) return next();
    const texts = await textsFor(customer.locale);
    if (ctx.callbackQuery) return void (await ctx.answerCallbackQuery({ text: texts.onlySurveys }));
    const text = ctx.message?.text;
    if (text === undefined) return void (ctx.message && (await ctx.reply(texts.onlySurveys)));
    const command = text.startsWith("/") ? text.slice(1).split(/[\s@]/)[0]!.toLowerCase() : null;
    if (command === "start") {
      await surveys.setOptOut(customer.id, false);
      return void (await ctx.reply(texts.optedIn));
    }
    if (command === "stop") {
      await surveys.setOptOut(customer.id, true);
      return void (await ctx.reply(texts.optedOut));
    }
    if (command === "help") return void (await ctx.reply(texts.customerHelp));
    if (command !== null) return void (await ctx.reply(texts.onlySurveys));
    const promptId = await surveys.awaitingComment(customer.id);
    const saved = promptId && (await surveys.comment(promptId, customer.id, text));
    await ctx.reply(saved ? texts.thanksForComment : texts.onlySurveys);
  });

  afterAnswers.command("stop", async (ctx) => {
    await ctx.reply((await textsFor(ctx.from.language_code)).notLinked);
  });

  return feature;
}
