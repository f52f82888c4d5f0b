/**
 * The Reply button under a detractor's alert (callback data "ar:<response>"):
 * the bot asks for the answer as a reply to its question (Force Reply), and
 * the team member's reply to it goes to the customer, once.
 */
import { Composer, type Context } from "grammy";
import type { Pulse } from "../../src/pulse.js";
import { replyOutcomeText, replyRefusal, replyToDetractor } from "../../src/surveys/replies.js";
import { customerTextSender } from "../customer-texts.js";
import { askerOf } from "./asker.js";
import { answerWith } from "./press.js";

export const replyCallback = (responseId: string): string => `ar:${responseId}`;
const REPLY_CALLBACK = /^ar:(prompt-\d+)$/;
const ASK = "Your reply to the customer of survey answer";
const ASKED = new RegExp(`^${ASK} (prompt-\\d+)`);

export function detractorReplies(pulse: Pulse): Composer<Context> {
  const feature = new Composer<Context>();
  const send = customerTextSender(pulse);
  feature.callbackQuery(REPLY_CALLBACK, async (ctx) => {
    const refusal = await replyRefusal(pulse.db, askerOf(ctx, pulse));
    // A refusal concerns the presser alone: the callback query's answer, not a message in the group.
    await ctx.answerCallbackQuery(refusal ? answerWith(refusal) : {});
    if (refusal) return;
    const [, responseId] = ctx.match as RegExpMatchArray;
    await ctx.reply(
      `${ASK} ${responseId}: write it as a reply to this message. It goes to them as you write it, once.`,
      { reply_markup: { force_reply: true, selective: true } },
    );
  });
  feature.on("message:text", async (ctx, next) => {
    const asked = ctx.message.reply_to_message;
    const match = asked?.from?.id === ctx.me.id ? ASKED.exec(asked.text ?? "") : null;
    if (!match) return next();
    const refusal = await replyRefusal(pulse.db, askerOf(ctx, pulse));
    if (refusal) return void (await ctx.reply(refusal));
    const outcome = await replyToDetractor(
      pulse.db,
      {
        workspaceId: pulse.workspaceId,
        responseId: match[1]!,
        text: ctx.message.text,
        repliedBy: `telegram user ${ctx.from.id}`,
        now: pulse.clock.now(),
      },
      send,
    );
    await ctx.reply(replyOutcomeText(outcome));
  });
  return feature;
}
