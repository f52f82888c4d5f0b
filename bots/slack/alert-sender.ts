/**
 * Alerts in a Slack channel, one part at a time: the heading and why it fired
 * with Snooze and Mute buttons, then each answer's text and chart in the
 * heading's thread, so the channel is notified once per firing. Every message
 * carries metadata naming its part (a chart: its file name), so a process
 * that takes over a firing whose sender died can ask Slack
 * (conversations.history, conversations.replies) whether that part already
 * arrived instead of posting it twice; a post answered with a 500 or a
 * timeout may have arrived too, so it is not retried here but by the
 * scheduler, which looks it up first. A 429 is not waited out here: it goes
 * back to the scheduler, which holds back this channel only; an error that
 * will never pass (not_in_channel, invalid_auth...) goes back as such.
 */
import { type types, webApi } from "@slack/bolt";
import { placeOf } from "../../src/alerts/describe.js";
import {
  AlertChatClosedError,
  type AlertMessage,
  AlertRateLimitedError,
  type AlertSender,
} from "../../src/alerts/types.js";
import type { Pulse } from "../../src/pulse.js";
import { notificationText, replyBlocks, textBlocks } from "./blocks.js";
import { slackClient } from "./client.js";

export const ALERT_ACTIONS = {
  snooze: "pulse_alert_snooze",
  mute: "pulse_alert_mute",
  reply: "pulse_alert_reply",
} as const;
const EVENT_TYPE = "pulse_alert";

type Found = { metadata?: { event_payload?: { key?: unknown } }; files?: { name?: unknown }[] };

const fileName = (key: string) => `${key}.png`;

/** What Slack says when a post can never succeed as things are: the problem and the fix, in words. */
function closed(code: string, chatId: string): AlertChatClosedError | null {
  const where = placeOf({ platform: "slack", chatId });
  switch (code) {
    case "not_in_channel":
      return new AlertChatClosedError(
        `Pulse is not in ${where} (Slack said not_in_channel)`,
        `invite it there with /invite @Pulse`,
      );
    case "is_archived":
      return new AlertChatClosedError(
        `${where} is archived (Slack said is_archived)`,
        "unarchive the channel or make the alert post elsewhere",
      );
    case "channel_not_found":
      return new AlertChatClosedError(
        `Slack cannot find ${where} for Pulse (Slack said channel_not_found: deleted, or private without Pulse)`,
        "invite Pulse to the channel, or delete the alert",
      );
    case "invalid_auth":
    case "not_authed":
    case "token_revoked":
    case "token_expired":
    case "account_inactive":
      return new AlertChatClosedError(
        `Slack refused Pulse's token while posting to ${where} (Slack said ${code})`,
        "reinstall the Slack app and set its token in SLACK_BOT_TOKEN",
      );
    default:
      return null;
  }
}

/**
 * Slack's rate limit and the errors that never pass as the scheduler's typed
 * errors; anything else (a 500, a timeout: the post may have arrived) as it
 * is, for the scheduler to retry, looking the part up first.
 */
async function typedErrors<T>(chatId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if ((error as { code?: unknown }).code === webApi.ErrorCode.RateLimitedError)
      throw new AlertRateLimitedError((error as webApi.WebAPIRateLimitedError).retryAfter * 1000);
    if ((error as { code?: unknown }).code === webApi.ErrorCode.PlatformError)
      throw closed(String((error as webApi.WebAPIPlatformError).data.error), chatId) ?? error;
    throw error;
  }
}

export function createSlackAlertSender(pulse: Pulse): AlertSender {
  // No retry in place: Slack may have stored a post it answered with a 500 or
  // a timeout. The scheduler retries the firing later, and first looks the
  // part up (find), so it is never posted twice.
  const client = slackClient(pulse, {
    retryConfig: { retries: 0 },
    timeout: 30_000,
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
      typedErrors(target.chatId, async () => {
        const metadata = { event_type: EVENT_TYPE, event_payload: { key: part.key } };
        const inThread = thread ? { thread_ts: thread } : {};
        switch (part.kind) {
          case "heading": {
            const posted = await client.chat.postMessage({
              channel: target.chatId,
              text: notificationText(`${message.heading}\n${message.why}`),
              blocks: headingBlocks(message),
              metadata,
            });
            return posted.ts!;
          }
          case "text": {
            const posted = await client.chat.postMessage({
              channel: target.chatId,
              ...inThread,
              text: notificationText(part.reply.text),
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
      typedErrors(target.chatId, async () => {
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
