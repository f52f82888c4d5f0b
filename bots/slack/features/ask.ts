/**
 * Questions: `/pulse <question>`, @-mentions in channels, direct messages, and
 * replies in a thread Pulse answered in. The thread is the conversation, so
 * "and by plan?" follows up. A customer's direct messages go to the survey
 * side (customer-dm.ts). Everything acks first and answers in the background.
 */
import type { App, types } from "@slack/bolt";
import type { Reply } from "../../../src/assistant/types.js";
import { escapeText, notificationText, replyBlocks } from "../blocks.js";
import type { SlackContext } from "../context.js";
import { deliverPrivately } from "../deliver.js";
import { cannotPostHere, cannotPostText } from "../membership.js";
import { withProgress } from "../progress.js";
import { createCustomerDm } from "./customer-dm.js";

type KnownBlock = types.KnownBlock;

/** Without the g flag: a global RegExp keeps its position between `test` calls. */
const mention = /<@[A-Z0-9]+>/;

/**
 * What Pulse understood as a question about data, an alert command or a follow-up of an
 * insight (words only Pulse is asked, even when it cannot run them), as opposed to
 * "thanks" or help it was not asked for.
 */
const aboutData = (reply: Reply): boolean =>
  reply.kind !== "help" &&
  (reply.kind !== "unknown" ||
    reply.interpretation?.intent === "alert" ||
    reply.interpretation?.intent === "insight");

const withoutMentions = (text: string): string =>
  text.replace(new RegExp(mention, "g"), " ").trim();

export function registerAsk(app: App, ctx: SlackContext): void {
  const customerDm = createCustomerDm(ctx);
  app.command("/pulse", async ({ command, ack, client, respond }) => {
    await ack();
    const text = command.text.trim() || "help";
    const asker = ctx.asker(command.user_id, command.channel_id);
    ctx.track(async () => {
      // Help and refusals are the asker's alone: nothing, not even the question, goes to the room.
      const early = await ctx.pulse.assistant.screen({ text, asker });
      if (early) {
        await respond({
          response_type: "ephemeral",
          text: notificationText(early.text),
          blocks: replyBlocks(early),
        });
        return;
      }
      const privately = (message: { text: string; blocks: KnownBlock[] }) =>
        respond({ response_type: "ephemeral", ...message });
      // The question goes in the channel and the answer in its thread, which is then the conversation.
      let refusal: unknown = null;
      const posted = await client.chat
        .postMessage({
          channel: command.channel_id,
          text: `<@${command.user_id}> asked: ${escapeText(text)}`,
        })
        .catch((error: unknown) => {
          refusal = error;
          return null;
        });
      if (!posted) {
        // Slack hands every command a response_url that works where the bot cannot post.
        if (cannotPostHere(refusal))
          return void (await respond({ response_type: "ephemeral", text: cannotPostText }));
        // Slack refused the bot's post (a 500 that outlasted the retries, invalid_auth): the
        // asker still gets the answer, alone, through the response_url.
        ctx.pulse.logger.error({ err: refusal }, "Slack refused a question's post");
        const reply = await ctx.pulse.assistant.ask({
          conversationId: `${command.channel_id}:${command.trigger_id}`,
          text,
          asker,
          channels: ctx.channels,
        });
        await deliverPrivately(
          client,
          { channel: command.channel_id, threadTs: undefined, respond: privately },
          reply,
          refusal,
        );
        return;
      }
      const threadTs = posted.ts;
      // A slow answer shows its progress on the question it repeats.
      await withProgress(
        client,
        ctx.pulse.logger,
        { channel: command.channel_id, ts: threadTs },
        async () => {
          const reply = await ctx.pulse.assistant.ask({
            conversationId: `${command.channel_id}:${threadTs}`,
            text,
            asker,
            channels: ctx.channels,
          });
          await ctx.send(
            client,
            {
              channel: command.channel_id,
              threadTs,
              userId: command.user_id,
              respond: privately,
            },
            reply,
          );
        },
      );
    });
  });

  app.event("app_mention", async ({ event, client }) => {
    const threadTs = event.thread_ts ?? event.ts;
    ctx.track(() =>
      withProgress(client, ctx.pulse.logger, { channel: event.channel, ts: event.ts }, async () => {
        const reply = await ctx.pulse.assistant.ask({
          conversationId: `${event.channel}:${threadTs}`,
          text: withoutMentions(event.text) || "help",
          asker: ctx.asker(event.user ?? "", event.channel),
          channels: ctx.channels,
        });
        await ctx.send(client, { channel: event.channel, threadTs, userId: event.user }, reply);
      }),
    );
  });

  app.message(async ({ message, client }) => {
    if (
      message.subtype !== undefined ||
      !("text" in message) ||
      !message.text ||
      !("user" in message)
    )
      return;
    const direct = message.channel_type === "im";
    const thread = "thread_ts" in message ? message.thread_ts : undefined;
    // In channels Pulse speaks when mentioned (app_mention) or in its own threads; mentions are not handled twice.
    if (!direct && (thread === undefined || mention.test(message.text))) return;
    ctx.track(async () => {
      if (
        direct &&
        (await customerDm(client, {
          user: message.user!,
          channel: message.channel,
          text: message.text!,
          thread,
        }))
      )
        return;
      // A thread is Pulse's when this process answered there, or any process did (the database knows).
      const conversation = `${message.channel}:${thread}`;
      if (
        !direct &&
        !ctx.threads.has(conversation) &&
        !(await ctx.pulse.assistant.knows(conversation))
      )
        return;
      await withProgress(
        client,
        ctx.pulse.logger,
        { channel: message.channel, ts: message.ts },
        async () => {
          const reply = await ctx.pulse.assistant.ask({
            conversationId: `${message.channel}:${thread ?? "dm"}`,
            text: withoutMentions(message.text!),
            asker: ctx.asker(message.user!, message.channel),
            channels: ctx.channels,
          });
          // Unaddressed in a thread, Pulse answers questions about data only, not thanks or talk among people.
          if (!direct && !aboutData(reply)) return;
          await ctx.send(
            client,
            { channel: message.channel, threadTs: thread, userId: message.user },
            reply,
          );
        },
      );
    });
  });
}
