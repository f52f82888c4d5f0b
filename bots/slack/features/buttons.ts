/**
 * The actions under an answer (the core's Reply `actions`: table, explain,
 * why, and the "Break down by…" menu). The answer shown another way replaces
 * the message pressed; a new answer follows in its thread.
 */
import type { App, BlockAction, ButtonAction, StaticSelectAction } from "@slack/bolt";
import { forThePresser, resultOf } from "../../../src/assistant/actions.js";
import type { ActionId } from "../../../src/assistant/types.js";
import { ACTIONS } from "../blocks.js";
import type { SlackContext } from "../context.js";
import { replace } from "../deliver.js";

export function registerButtons(app: App, ctx: SlackContext): void {
  for (const id of Object.keys(ACTIONS) as ActionId[])
    app.action<BlockAction<ButtonAction | StaticSelectAction>>(
      ACTIONS[id],
      async ({ ack, body, action, client }) => {
        await ack();
        const channel = body.channel?.id ?? body.container?.channel_id ?? "";
        const ts = body.message?.ts ?? body.container?.message_ts;
        const threadTs = body.message?.thread_ts ?? ts;
        // A menu sends its choice with the answer's id: "answerId|dimension".
        const [answerId = "", choice] = (
          action.type === "static_select" ? action.selected_option.value : (action.value ?? "")
        ).split("|");
        ctx.track(async () => {
          const reply = await ctx.pulse.assistant.act(
            { id, answerId, choice },
            ctx.asker(body.user.id, channel),
          );
          // The answer gone, not allowed here, or failed: the presser alone is told, and no message changes.
          const place = {
            channel,
            threadTs,
            userId: body.user.id,
            privately: forThePresser(reply),
          };
          if (resultOf(id) === "replace" && ts && !place.privately)
            await replace(client, ctx.pulse.logger, { ...place, ts }, reply);
          else await ctx.send(client, place, reply);
        });
      },
    );
}
