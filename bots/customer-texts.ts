/**
 * Sends a team member's text to a customer in the chat they answered in,
 * whichever platform the team member pressed Reply on (an alert in Slack may
 * answer a customer in Telegram). Each platform's client is made on first use
 * from the configuration.
 */
import type { webApi } from "@slack/bolt";
import { Api } from "grammy";
import type { Pulse } from "../src/pulse.js";
import type { CustomerTextSender } from "../src/surveys/replies.js";
import { slackClient } from "./slack/client.js";

export function customerTextSender(pulse: Pulse): CustomerTextSender {
  let telegram: Api | undefined;
  let slack: webApi.WebClient | undefined;
  return async (channel, address, text) => {
    if (channel === "telegram") {
      const config = pulse.config.telegram;
      if (!config.enabled) throw new Error("Telegram is not configured (TELEGRAM_BOT_TOKEN)");
      telegram ??= new Api(config.token, config.apiRoot ? { apiRoot: config.apiRoot } : {});
      return String((await telegram.sendMessage(address, text)).message_id);
    }
    if (!pulse.config.slack.enabled) throw new Error("Slack is not configured (SLACK_BOT_TOKEN)");
    slack ??= slackClient(pulse);
    return String((await slack.chat.postMessage({ channel: address, text })).ts);
  };
}
