/**
 * The customer side of the bot, rendered from the core's survey dialog:
 * /start <token> links the chat, NPS buttons and CSAT/CES poll votes are
 * answers, the follow-up question goes out as a Force Reply and the reply to
 * it is the comment, /stop /start /help. Nothing else in a customer's chat (no
 * command, no question, no team button) reaches the team side; chats that are
 * not customers' fall through to it.
 */
import { Composer, type Context } from "grammy";
import type { Pulse } from "../../src/pulse.js";
import { createSurveyDialog } from "../../src/surveys/dialog.js";
import type { Background } from "./background.js";
import { bestEffort } from "./best-effort.js";
import { npsKeyboard, SURVEY_CALLBACK } from "./survey-transport.js";

/** The follow-up question opens the reply field; what the customer writes there is the comment. */
const asReply = { reply_markup: { force_reply: true as const } };

export function customerSurveys(pulse: Pulse, background: Background): Composer<Context> {
  const dialog = createSurveyDialog(pulse);
  const feature = new Composer<Context>();
  const privateChats = feature.chatType("private");

  privateChats.command("start", async (ctx, next) => {
    const token = ctx.match.trim();
    if (token === "") return next();
    const chatId = String(ctx.chat.id);
    const { result, text, texts } = await dialog.link(chatId, token, ctx.from.language_code);
    if (result.status !== "linked")
      pulse.logger.warn({ chat: chatId, status: result.status }, "survey link refused");
    // A customer's menu offers /stop only, not the team's /ask.
    else
      await ctx.api.setMyCommands([{ command: "stop", description: texts.stopCommand }], {
        scope: { type: "chat", chat_id: ctx.chat.id },
      });
    await ctx.reply(text);
  });

  feature.callbackQuery(SURVEY_CALLBACK, async (ctx) => {
    const [, promptId, score] = (ctx.match as RegExpMatchArray).map(Number);
    const tap = await dialog.tap(
      "telegram",
      String(ctx.chat?.id ?? ctx.from.id),
      promptId!,
      score!,
    );
    // The answer is stored: the toast and the tick are courtesies, the follow-up goes whatever befalls them.
    await bestEffort(pulse.logger, "answering a survey tap", () =>
      ctx.answerCallbackQuery(tap.notice ? { text: tap.notice } : {}),
    );
    // The rest waits on the send limits (30 a second for the bot): off the update's path, so
    // the next taps, in other chats, get their callback answered first.
    background.run("a survey tap's follow-up", async () => {
      if (tap.chosen !== null)
        await bestEffort(pulse.logger, "ticking the chosen score", () =>
          ctx.editMessageReplyMarkup({
            reply_markup: npsKeyboard(promptId!, tap.chosen, tap.texts),
          }),
        );
      if (tap.askFollowUp) {
        const asked = await ctx.reply(tap.texts.followUp, asReply);
        await dialog.followUpAsked(promptId!, String(asked.message_id));
      }
    });
  });

  feature.on("poll_answer", async (ctx) => {
    const vote = ctx.pollAnswer;
    // An empty vote is a retracted one: the answer stands until a new vote changes it.
    if (!vote.user || vote.option_ids.length === 0) return;
    const tap = await dialog.pollVote(vote.poll_id, String(vote.user.id), vote.option_ids[0]!);
    // Telegram shows the new vote and no bot can undo it: say the first answer stands.
    if (tap?.outcome === "locked")
      return void (await ctx.api.sendMessage(vote.user.id, tap.texts.answerLocked));
    if (!tap?.askFollowUp) return;
    const asked = await ctx.api.sendMessage(vote.user.id, tap.texts.followUp, asReply);
    await dialog.followUpAsked(tap.promptId, String(asked.message_id));
  });

  // A linked customer's chat is the customer's world: survey handling only, whatever is sent.
  // (A new chatType branch: the first one sits before the survey buttons in the chain.)
  const afterAnswers = feature.chatType("private");
  afterAnswers.use(async (ctx, next) => {
    const reply = await dialog.message({
      channel: "telegram",
      address: String(ctx.chat.id),
      place: String(ctx.chat.id),
      text: ctx.message?.text ?? "",
      replyTo: ctx.message?.reply_to_message
        ? String(ctx.message.reply_to_message.message_id)
        : null,
    });
    if (reply === null) return next();
    if (ctx.callbackQuery) return void (await ctx.answerCallbackQuery({ text: reply }));
    if (ctx.message) await ctx.reply(reply);
  });

  afterAnswers.command("stop", async (ctx) => {
    await ctx.reply((await dialog.texts(ctx.from.language_code)).notLinked);
  });

  return feature;
}
