/** Snooze and Mute under an alert: the rule is changed for the channel it was pressed in. */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { type AlertButton, pressAlertButton } from "../../../src/alerts/buttons.js";
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
          const text = await pressAlertButton(ctx.pulse, asker, button, Number(action.value));
          await ctx.send(client, { channel, threadTs: body.message?.ts }, { kind: "notice", text });
        });
      },
    );
  }
}
