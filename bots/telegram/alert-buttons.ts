/** Snooze and Mute under an alert (callback data "al:s:<rule>" / "al:m:<rule>"), for the chat it was pressed in. */
import { Composer, type Context } from "grammy";
import { pressAlertButton } from "../../src/alerts/buttons.js";
import type { Pulse } from "../../src/pulse.js";
import { askerOf } from "./asker.js";

export function alertButtons(pulse: Pulse): Composer<Context> {
  const feature = new Composer<Context>();
  feature.callbackQuery(/^al:([sm]):(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const [, button, ruleId] = ctx.match as RegExpMatchArray;
    const text = await pressAlertButton(
      pulse,
      askerOf(ctx, pulse),
      button === "s" ? "snooze" : "mute",
      Number(ruleId),
    );
    await ctx.reply(text);
  });
  return feature;
}
