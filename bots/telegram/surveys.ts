/**
 * The customer side of the bot: /start <token> links the chat to a customer,
 * /stop and /start switch surveys off and on, NPS buttons and CSAT/CES poll
 * votes are answers, and the message after the follow-up question is the
 * comment. Chats that are not customers' fall through to the team side.
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
    const customer = await surveys.customerAt("telegram", chatId);
    if (!customer) return next();
    await surveys.setOptOut(customer.id, false);
    await ctx.reply((await textsFor(customer.locale)).optedIn);
  });

  privateChats.command("stop", async (ctx) => {
    const customer = await surveys.customerAt("telegram", String(ctx.chat.id));
    if (!customer)
      return void (await ctx.reply((await textsFor(ctx.from.language_code)).notLinked));
    await surveys.setOptOut(customer.id, true);
    await ctx.reply((await textsFor(customer.locale)).optedOut);
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

  privateChats.on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    const customer = await surveys.customerAt("telegram", String(ctx.chat.id));
    if (!customer) return next();
    const texts = await textsFor(customer.locale);
    const promptId = await surveys.awaitingComment(customer.id);
    const saved = promptId && (await surveys.comment(promptId, customer.id, ctx.message.text));
    // A customer's chat never reaches the team's analytics.
    await ctx.reply(saved ? texts.thanksForComment : texts.onlySurveys);
  });

  return feature;
}
