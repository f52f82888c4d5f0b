/** Snooze and Mute under an alert (callback data "al:s:<rule>" / "al:m:<rule>"), for the chat it was pressed in. */
import { Composer, type Context } from "grammy";
import { pressAlertButton } from "../../src/alerts/buttons.js";
import type { Pulse } from "../../src/pulse.js";
import { askerOf } from "./asker.js";
import { press } from "./press.js";

export function alertButtons(pulse: Pulse): Composer<Context> {
  const feature = new Composer<Context>();
  feature.callbackQuery(/^al:([sm]):(\d+)$/, async (ctx) => {
    const [, button, ruleId] = ctx.match as RegExpMatchArray;
    const reply = await press(ctx, pulse.logger, () =>
      pressAlertButton(
        pulse,
        askerOf(ctx, pulse),
        button === "s" ? "snooze" : "mute",
        Number(ruleId),
      ),
    );
    // The chat hears that its rule changed; a refusal or a rule gone went to the presser alone.
    if (reply) await ctx.reply(reply.text);
  });
  return feature;
}
