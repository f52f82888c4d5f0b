/**
 * A linked customer's direct messages with the bot are the customer's world,
 * as their Telegram chat is: the core's survey dialog answers them ("help",
 * "stop", "start", the comment on the survey they just answered, and for
 * anything else the polite "this chat is for surveys"). Never the team side,
 * unless a user rule names them.
 */
import type { webApi } from "@slack/bolt";
import { createSurveyDialog } from "../../../src/surveys/dialog.js";
import type { SlackContext } from "../context.js";

/** Slack has no /stop command for us: the customer types the word. */
const slackWords = (text: string) => text.replace(/\/(stop|start)\b/g, '"$1"');

/** Handles a direct message when its sender is a customer; false lets the team side answer. */
export function createCustomerDm(ctx: SlackContext) {
  const dialog = createSurveyDialog(ctx.pulse);
  return async (
    client: webApi.WebClient,
    message: { user: string; channel: string; text: string; thread: string | undefined },
  ): Promise<boolean> => {
    const reply = await dialog.message({
      channel: "slack",
      address: message.user,
      place: message.channel,
      text: message.text,
      replyTo: message.thread ?? null,
    });
    if (reply === null) return false;
    await client.chat.postMessage({
      channel: message.channel,
      text: slackWords(reply),
      ...(message.thread ? { thread_ts: message.thread } : {}),
    });
    return true;
  };
}
