/**
 * Alerts in a Slack channel: the heading and why it fired with Snooze and
 * Mute buttons, then each answer exactly as a question gets it (deliver.ts).
 * The heading carries message metadata naming the firing, so a process that
 * takes over a firing whose sender died can ask Slack (conversations.history)
 * whether it already arrived instead of posting it twice.
 */
import type { types } from "@slack/bolt";
import type { AlertSender } from "../../src/alerts/types.js";
import type { Pulse } from "../../src/pulse.js";
import { textBlocks } from "./blocks.js";
import { slackClient } from "./client.js";
import { deliver } from "./deliver.js";

export const ALERT_ACTIONS = { snooze: "pulse_alert_snooze", mute: "pulse_alert_mute" } as const;
const EVENT_TYPE = "pulse_alert";

export function createSlackAlertSender(pulse: Pulse): AlertSender {
  const client = slackClient(pulse, {
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
  });
  return {
    async send(target, message) {
      const blocks: types.KnownBlock[] = [
        ...textBlocks(message.heading),
        { type: "context", elements: [{ type: "plain_text", text: message.why.slice(0, 2000) }] },
      ];
      if (message.actions)
        blocks.push({
          type: "actions",
          elements: [
            {
              type: "button",
              text: { type: "plain_text", text: "Snooze 1 day" },
              action_id: ALERT_ACTIONS.snooze,
              value: String(message.ruleId),
            },
            {
              type: "button",
              text: { type: "plain_text", text: "Mute" },
              action_id: ALERT_ACTIONS.mute,
              value: String(message.ruleId),
              style: "danger",
            },
          ],
        });
      await client.chat.postMessage({
        channel: target.chatId,
        text: `${message.heading}\n${message.why}`.slice(0, 3000),
        blocks,
        metadata: { event_type: EVENT_TYPE, event_payload: { key: message.key } },
      });
      for (const reply of message.replies)
        await deliver(client, pulse.logger, { channel: target.chatId, threadTs: undefined }, reply);
    },
    async delivered(target, message, since) {
      const history = await client.conversations.history({
        channel: target.chatId,
        oldest: String(Math.floor(since.getTime() / 1000) - 60),
        include_all_metadata: true,
        limit: 200,
      });
      return (history.messages ?? []).some(
        (m) =>
          (m as { metadata?: { event_payload?: { key?: unknown } } }).metadata?.event_payload
            ?.key === message.key,
      );
    },
  };
}
