/** The buttons under an answer: "Show as table", "Explain", "Why?", and the "Break down by..." menu. */
import type { App, BlockAction, ButtonAction, StaticSelectAction } from "@slack/bolt";
import type { DimensionId } from "../../../src/metrics/types.js";
import { ACTIONS } from "../blocks.js";
import type { SlackContext } from "../context.js";

const placeOf = (body: BlockAction) => ({
  channel: body.channel?.id ?? body.container?.channel_id ?? "",
  threadTs: body.message?.thread_ts ?? body.message?.ts ?? body.container?.message_ts,
});

export function registerButtons(app: App, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(ACTIONS.table, async ({ ack, body, action, client }) => {
    await ack();
    const place = placeOf(body);
    ctx.track(async () => {
      const reply = await ctx.pulse.assistant.table(
        action.value ?? "",
        ctx.asker(body.user.id, place.channel),
      );
      await ctx.send(client, place, reply.kind === "answer" ? { ...reply, chart: null } : reply, {
        table: true,
      });
    });
  });
  app.action<BlockAction<ButtonAction>>(ACTIONS.explain, async ({ ack, body, action, client }) => {
    await ack();
    const place = placeOf(body);
    ctx.track(async () => {
      const reply = await ctx.pulse.assistant.explain(
        action.value ?? "",
        ctx.asker(body.user.id, place.channel),
      );
      await ctx.send(client, place, reply);
    });
  });
  app.action<BlockAction<ButtonAction>>(ACTIONS.why, async ({ ack, body, action, client }) => {
    await ack();
    const place = placeOf(body);
    ctx.track(async () => {
      const reply = await ctx.pulse.assistant.why(
        action.value ?? "",
        ctx.asker(body.user.id, place.channel),
      );
      await ctx.send(client, place, reply);
    });
  });
  app.action<BlockAction<StaticSelectAction>>(
    ACTIONS.breakdown,
    async ({ ack, body, action, client }) => {
      await ack();
      const place = placeOf(body);
      const [answerId = "", dimension = ""] = action.selected_option.value.split("|");
      ctx.track(async () => {
        const reply = await ctx.pulse.assistant.breakDown(
          answerId,
          dimension as DimensionId,
          ctx.asker(body.user.id, place.channel),
        );
        await ctx.send(client, place, reply);
      });
    },
  );
}
