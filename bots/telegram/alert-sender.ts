/**
 * Alerts in a Telegram chat, one part at a time: the heading and why it fired
 * with Snooze and Mute buttons, then each answer's text and chart as silent
 * replies to the heading, so the chat is notified once per firing. Telegram
 * cannot tell a bot whether a message already arrived: each part is recorded
 * by the scheduler as it is accepted, and only a part in flight when a sender
 * died is sent again. A 429 goes back to the scheduler with its retry_after,
 * which holds back this chat only; a 403 (the bot was removed) or a chat
 * that is gone goes back as an error that will never pass.
 */
import { Api, GrammyError, InlineKeyboard, InputFile } from "grammy";
import {
  AlertChatClosedError,
  type AlertMessage,
  AlertRateLimitedError,
  type AlertSender,
} from "../../src/alerts/types.js";
import type { Pulse } from "../../src/pulse.js";
import { replyCallback } from "./detractor-replies.js";
import { answerKeyboard, CAPTION_LIMIT, chunks } from "./reply.js";

/**
 * The buttons under an alert: "al:s:<rule>" snoozes a day, "al:m:<rule>"
 * mutes; a detractor's alert has Reply (to the customer) above them.
 */
const keyboardOf = (message: AlertMessage): InlineKeyboard | undefined => {
  if (!message.actions) return undefined;
  const keyboard = new InlineKeyboard();
  if (message.reply)
    keyboard.text("Reply to customer", replyCallback(message.reply.responseId)).row();
  return keyboard
    .text("Snooze 1 day", `al:s:${message.ruleId}`)
    .text("Mute", `al:m:${message.ruleId}`);
};

/** What Telegram says when a send can never succeed as things are: the problem and the fix, in words. */
function closed(error: GrammyError, chatId: string): AlertChatClosedError | null {
  const said = `Telegram said ${error.error_code}: ${error.description}`;
  if (error.error_code === 401)
    return new AlertChatClosedError(
      `Telegram refused Pulse's bot token while sending to chat ${chatId} (${said})`,
      "set a valid token in TELEGRAM_BOT_TOKEN",
    );
  if (
    error.error_code === 403 ||
    /chat not found|upgraded to a supergroup/i.test(error.description)
  )
    return new AlertChatClosedError(
      `Pulse's bot cannot send to Telegram chat ${chatId} (${said})`,
      "add the bot to that chat again (or make the alert post elsewhere)",
    );
  return null;
}

export function createTelegramAlertSender(pulse: Pulse): AlertSender {
  const config = pulse.config.telegram;
  if (!config.enabled) throw new Error("Telegram is not configured (TELEGRAM_BOT_TOKEN)");
  const api = new Api(config.token, config.apiRoot ? { apiRoot: config.apiRoot } : undefined);

  /** Sends text in pieces Telegram accepts, `markup` under the last; returns the last message id. */
  async function sendText(
    chatId: string,
    text: string,
    other: Parameters<Api["sendMessage"]>[2],
    markup?: InlineKeyboard,
  ): Promise<number> {
    const pieces = chunks(text);
    let id = 0;
    for (const [i, piece] of pieces.entries()) {
      const last = i === pieces.length - 1;
      id = (
        await api.sendMessage(chatId, piece, {
          ...other,
          ...(last && markup ? { reply_markup: markup } : {}),
        })
      ).message_id;
    }
    return id;
  }

  return {
    async send(target, message, part, thread) {
      const underHeading = thread
        ? {
            reply_parameters: { message_id: Number(thread), allow_sending_without_reply: true },
            disable_notification: true,
          }
        : {};
      try {
        switch (part.kind) {
          case "heading":
            return String(
              await sendText(
                target.chatId,
                `${message.heading}\n\n${message.why}`,
                {},
                keyboardOf(message),
              ),
            );
          case "text": {
            const { reply } = part;
            const full =
              reply.kind === "answer" ? `${reply.text}\n\n${reply.footnote}` : reply.text;
            return String(await sendText(target.chatId, full, underHeading, answerKeyboard(reply)));
          }
          case "chart": {
            const caption =
              part.reply.kind === "answer" ? part.reply.rangeText : part.chart.altText;
            const sent = await api.sendPhoto(
              target.chatId,
              new InputFile(part.chart.png, `${part.key}.png`),
              { ...underHeading, caption: caption.slice(0, CAPTION_LIMIT) },
            );
            return String(sent.message_id);
          }
        }
      } catch (error) {
        if (error instanceof GrammyError && error.error_code === 429)
          throw new AlertRateLimitedError((error.parameters.retry_after ?? 1) * 1000);
        throw (error instanceof GrammyError && closed(error, target.chatId)) || error;
      }
    },
  };
}
