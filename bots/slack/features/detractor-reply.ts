/**
 * The Reply button under a detractor's alert: a form for the answer, which
 * goes to the customer in the chat they answered in, once; the channel's
 * thread is told what happened.
 */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { replyOutcomeText, replyRefusal, replyToDetractor } from "../../../src/surveys/replies.js";
import { customerTextSender } from "../../customer-texts.js";
import { ALERT_ACTIONS } from "../alert-sender.js";
import type { SlackContext } from "../context.js";

const REPLY_VIEW = "pulse_detractor_reply";

export function registerDetractorReply(app: App, ctx: SlackContext): void {
  const send = customerTextSender(ctx.pulse);
  app.action<BlockAction<ButtonAction>>(
    ALERT_ACTIONS.reply,
    async ({ ack, body, action, client }) => {
      await ack();
      const channel = body.channel?.id ?? body.container?.channel_id ?? "";
      const place = { channel, threadTs: body.message?.ts };
      const asker = { ...ctx.asker(body.user.id, channel), platform: "slack" as const };
      const refusal = await replyRefusal(ctx.pulse.db, asker);
      // A refusal is the presser's alone: ephemeral, not a message in the alert's thread.
      if (refusal)
        return void (await ctx.send(
          client,
          { ...place, userId: body.user.id },
          { kind: "refused", text: refusal },
        ));
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: "modal",
          callback_id: REPLY_VIEW,
          private_metadata: JSON.stringify({ responseId: action.value, ...place }),
          title: { type: "plain_text", text: "Reply to customer" },
          submit: { type: "plain_text", text: "Send" },
          blocks: [
            {
              type: "input",
              block_id: "reply",
              label: {
                type: "plain_text",
                text: "Your answer goes to the customer in their chat, as you write it, once.",
              },
              element: { type: "plain_text_input", action_id: "text", multiline: true },
            },
          ],
        },
      });
    },
  );
  app.view(REPLY_VIEW, async ({ ack, body, view, client }) => {
    await ack();
    const { responseId, channel, threadTs } = JSON.parse(view.private_metadata) as {
      responseId: string;
      channel: string;
      threadTs?: string;
    };
    ctx.track(async () => {
      const asker = { ...ctx.asker(body.user.id, channel), platform: "slack" as const };
      const refusal = await replyRefusal(ctx.pulse.db, asker);
      const outcome = refusal
        ? null
        : await replyToDetractor(
            ctx.pulse.db,
            {
              workspaceId: ctx.pulse.workspaceId,
              responseId,
              text: view.state.values.reply?.text?.value ?? "",
              repliedBy: `<@${body.user.id}>`,
              now: ctx.pulse.clock.now(),
            },
            send,
          );
      const text = outcome ? replyOutcomeText(outcome) : refusal!;
      // Who replied first is named as Pulse stored them: a mention of that teammate.
      const own = outcome?.status === "already" ? [outcome.by] : [];
      await ctx.send(client, { channel, threadTs, own }, { kind: "notice", text });
    });
  });
}
