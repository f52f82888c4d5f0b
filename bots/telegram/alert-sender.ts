/**
 * Alerts in a Telegram chat: the heading and why it fired with Snooze and
 * Mute buttons, then each answer exactly as a question gets it (reply.ts).
 * Telegram cannot tell a bot whether a message already arrived, so a firing
 * whose sender died mid-way is sent again (at least once, never lost).
 */
import { Api, InlineKeyboard } from "grammy";
import type { AlertSender } from "../../src/alerts/types.js";
import type { Pulse } from "../../src/pulse.js";
import { chunks, sendReply } from "./reply.js";

/** Callback data of the buttons under an alert: "al:s:<rule>" snoozes a day, "al:m:<rule>" mutes. */
export const alertKeyboard = (ruleId: number): InlineKeyboard =>
  new InlineKeyboard().text("Snooze 1 day", `al:s:${ruleId}`).text("Mute", `al:m:${ruleId}`);

export function createTelegramAlertSender(pulse: Pulse): AlertSender {
  const config = pulse.config.telegram;
  if (!config.enabled) throw new Error("Telegram is not configured (TELEGRAM_BOT_TOKEN)");
  const api = new Api(config.token, config.apiRoot ? { apiRoot: config.apiRoot } : undefined);
  return {
    async send(target, message) {
      const head = chunks(`${message.heading}\n\n${message.why}`);
      for (const [i, piece] of head.entries()) {
        const last = i === head.length - 1;
        await api.sendMessage(target.chatId, piece, {
          ...(last && message.actions ? { reply_markup: alertKeyboard(message.ruleId) } : {}),
        });
      }
      const chat = {
        reply: (text: string, other?: Parameters<Api["sendMessage"]>[2]) =>
          api.sendMessage(target.chatId, text, other),
        replyWithPhoto: (
          photo: Parameters<Api["sendPhoto"]>[1],
          other?: Parameters<Api["sendPhoto"]>[2],
        ) => api.sendPhoto(target.chatId, photo, other),
      };
      for (const reply of message.replies) await sendReply(chat, reply);
    },
  };
}
