/**
 * Snooze and Mute under an alert: the rule is changed for the channel it was
 * pressed in, which is told in the alert's thread; a refusal or a rule gone is
 * told the presser alone.
 */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { type AlertButton, pressAlertButton } from "../../../src/alerts/buttons.js";
import { forThePresser } from "../../../src/assistant/actions.js";
import { ALERT_ACTIONS } from "../alert-sender.js";
import type { SlackContext } from "../context.js";
import { registerDetractorReply } from "./detractor-reply.js";

export function registerAlertButtons(app: App, ctx: SlackContext): void {
  registerDetractorReply(app, ctx);
  for (const button of ["snooze", "mute"] as AlertButton[]) {
    app.action<BlockAction<ButtonAction>>(
      ALERT_ACTIONS[button],
      async ({ ack, body, action, client }) => {
        await ack();
        const channel = body.channel?.id ?? body.container?.channel_id ?? "";
        ctx.track(async () => {
          const asker = { ...ctx.asker(body.user.id, channel), platform: "slack" as const };
          const reply = await pressAlertButton(ctx.pulse, asker, button, Number(action.value));
          const place = { channel, threadTs: body.message?.ts, userId: body.user.id };
          await ctx.send(client, { ...place, privately: forThePresser(reply) }, reply);
        });
      },
    );
  }
}
