/**
 * Alerts in a Slack channel, one part at a time: the heading and why it fired
 * with Snooze and Mute buttons, then each answer's text and chart in the
 * heading's thread, so the channel is notified once per firing. Every message
 * carries metadata naming its part (a chart: its file name), so a process
 * that takes over a firing whose sender died can ask Slack
 * (conversations.history, conversations.replies) whether that part already
 * arrived instead of posting it twice. A 429 is not waited out here: it goes
 * back to the scheduler, which holds back this channel only.
 */
import { type types, webApi } from "@slack/bolt";
import {
  type AlertMessage,
  AlertRateLimitedError,
  type AlertSender,
} from "../../src/alerts/types.js";
import type { Pulse } from "../../src/pulse.js";
import { replyBlocks, textBlocks } from "./blocks.js";
import { slackClient } from "./client.js";

export const ALERT_ACTIONS = {
  snooze: "pulse_alert_snooze",
  mute: "pulse_alert_mute",
  reply: "pulse_alert_reply",
} as const;
const EVENT_TYPE = "pulse_alert";

type Found = { metadata?: { event_payload?: { key?: unknown } }; files?: { name?: unknown }[] };

const fileName = (key: string) => `${key}.png`;

/** Slack's rate limit as the scheduler's typed error; anything else as it is. */
async function unlessRateLimited<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if ((error as { code?: unknown }).code === webApi.ErrorCode.RateLimitedError)
      throw new AlertRateLimitedError((error as webApi.WebAPIRateLimitedError).retryAfter * 1000);
    throw error;
  }
}

export function createSlackAlertSender(pulse: Pulse): AlertSender {
  const client = slackClient(pulse, {
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    rejectRateLimitedCalls: true,
  });
  const headingBlocks = (message: AlertMessage) => {
    const { heading, why, ruleId, actions } = message;
    const blocks: types.KnownBlock[] = [
      ...textBlocks(heading),
      { type: "context", elements: [{ type: "plain_text", text: why.slice(0, 2000) }] },
    ];
    if (actions)
      blocks.push({
        type: "actions",
        elements: [
          // A detractor's alert: the team's answer goes to the customer in their chat.
          ...(message.reply
            ? [
                {
                  type: "button" as const,
                  text: { type: "plain_text" as const, text: "Reply to customer" },
                  action_id: ALERT_ACTIONS.reply,
                  value: message.reply.responseId,
                  style: "primary" as const,
                },
              ]
            : []),
          {
            type: "button",
            text: { type: "plain_text", text: "Snooze 1 day" },
            action_id: ALERT_ACTIONS.snooze,
            value: String(ruleId),
          },
          {
            type: "button",
            text: { type: "plain_text", text: "Mute" },
            action_id: ALERT_ACTIONS.mute,
            value: String(ruleId),
            style: "danger",
          },
        ],
      });
    return blocks;
  };
  return {
    send: (target, message, part, thread) =>
      unlessRateLimited(async () => {
        const metadata = { event_type: EVENT_TYPE, event_payload: { key: part.key } };
        const inThread = thread ? { thread_ts: thread } : {};
        switch (part.kind) {
          case "heading": {
            const posted = await client.chat.postMessage({
              channel: target.chatId,
              text: `${message.heading}\n${message.why}`.slice(0, 3000),
              blocks: headingBlocks(message),
              metadata,
            });
            return posted.ts!;
          }
          case "text": {
            const posted = await client.chat.postMessage({
              channel: target.chatId,
              ...inThread,
              text: part.reply.text.slice(0, 3000),
              blocks: replyBlocks(part.reply),
              metadata,
            });
            return posted.ts!;
          }
          case "chart": {
            await client.files.uploadV2({
              channel_id: target.chatId,
              ...inThread,
              file: part.chart.png,
              filename: fileName(part.key),
              title: part.reply.kind === "answer" ? part.reply.rangeText : "chart",
              alt_text: part.chart.altText.slice(0, 1000),
            } as Parameters<webApi.WebClient["files"]["uploadV2"]>[0]);
            return fileName(part.key);
          }
        }
      }),
    find: (target, _message, part, thread, since) =>
      unlessRateLimited(async () => {
        // The heading is in the channel's history; answers are in its thread.
        const { messages = [] } = thread
          ? await client.conversations.replies({
              channel: target.chatId,
              ts: thread,
              include_all_metadata: true,
              limit: 200,
            })
          : await client.conversations.history({
              channel: target.chatId,
              oldest: String(Math.floor(since.getTime() / 1000) - 60),
              include_all_metadata: true,
              limit: 200,
            });
        const found = (messages as Found[]).find((m) =>
          part.kind === "chart"
            ? m.files?.some((f) => f.name === fileName(part.key))
            : m.metadata?.event_payload?.key === part.key,
        );
        if (!found) return null;
        return part.kind === "chart" ? fileName(part.key) : String((found as { ts?: string }).ts);
      }),
  };
}
