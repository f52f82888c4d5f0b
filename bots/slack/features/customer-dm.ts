/**
 * A linked customer's direct messages with the bot are the customer's world,
 * as their Telegram chat is: "help", "stop", "start", the comment on the
 * survey they just answered, and for anything else the polite "this chat is
 * for surveys". Never the team side, unless a user rule names them.
 */
import type { webApi } from "@slack/bolt";
import { createAccess } from "../../../src/access/access.js";
import { createSurveys } from "../../../src/surveys/surveys.js";
import type { SurveyTexts } from "../../../src/surveys/texts.js";
import type { SlackContext } from "../context.js";

/** Slack has no /stop command for us: the customer types the word. */
const slackWords = (text: string) => text.replace(/\/(stop|start)\b/g, '"$1"');

/** Handles a direct message when its sender is a customer; false lets the team side answer. */
export function createCustomerDm(ctx: SlackContext) {
  const { pulse } = ctx;
  const surveys = createSurveys(pulse);
  const access = createAccess(pulse.db, pulse.workspaceId);
  return async (
    client: webApi.WebClient,
    message: { user: string; channel: string; text: string },
  ): Promise<boolean> => {
    const customer = await surveys.customerAt("slack", message.user);
    if (!customer) return false;
    const asker = ctx.asker(message.user, message.channel);
    if ((await access.may(asker, asker, "aggregate")).allowed) return false;
    const texts: SurveyTexts = (await surveys.wording()).for(customer.locale);
    const say = (text: string) =>
      client.chat.postMessage({ channel: message.channel, text: slackWords(text) });
    const word = message.text
      .trim()
      .toLowerCase()
      .replace(/^\//, "")
      .replace(/[.!]+$/, "");
    if (word === "stop") {
      await surveys.setOptOut(customer.id, true);
      await say(texts.optedOut);
    } else if (word === "start") {
      await surveys.setOptOut(customer.id, false);
      await say(texts.optedIn);
    } else if (word === "help") await say(texts.customerHelp);
    else {
      const promptId = customer.optedOut ? null : await surveys.awaitingComment(customer.id);
      const saved = promptId && (await surveys.comment(promptId, customer.id, message.text));
      await say(saved ? texts.thanksForComment : texts.onlySurveys);
    }
    return true;
  };
}
