/**
 * A Slack modal for alerts: the global shortcut "New Pulse alert" opens it;
 * the person writes the rule in words (the same words as in chat) and picks
 * the channel it belongs to. The words go to the core as typed words would
 * (Assistant.createAlert); a refusal, or words Pulse cannot read, are shown
 * under the field, and the modal stays open.
 */
import type { App } from "@slack/bolt";
import { escapeText } from "../blocks.js";
import type { SlackContext } from "../context.js";
import { cannotPostHere } from "../membership.js";

export const ALERT_MODAL = { shortcut: "pulse_new_alert", view: "pulse_new_alert_modal" } as const;

export function registerAlertModal(app: App, ctx: SlackContext): void {
  app.shortcut(ALERT_MODAL.shortcut, async ({ ack, shortcut, client }) => {
    await ack();
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: {
        type: "modal",
        callback_id: ALERT_MODAL.view,
        title: { type: "plain_text", text: "New Pulse alert" },
        submit: { type: "plain_text", text: "Create" },
        close: { type: "plain_text", text: "Cancel" },
        blocks: [
          {
            type: "input",
            block_id: "rule",
            label: { type: "plain_text", text: "What should Pulse tell you?" },
            hint: {
              type: "plain_text",
              text: "For example: alert me when churn goes above 5% · every Monday at 9 send revenue last week and NPS · alert me when an order over 1000 comes in",
            },
            element: {
              type: "plain_text_input",
              action_id: "rule",
              placeholder: { type: "plain_text", text: "alert me when churn goes above 5%" },
            },
          },
          {
            type: "input",
            block_id: "channel",
            label: { type: "plain_text", text: "Post to" },
            element: {
              type: "conversations_select",
              action_id: "channel",
              default_to_current_conversation: true,
            },
          },
        ],
      },
    });
  });

  app.view(ALERT_MODAL.view, async ({ ack, body, view, client }) => {
    const text = view.state.values.rule?.rule?.value ?? "";
    const channel = view.state.values.channel?.channel?.selected_conversation ?? "";
    const user = body.user.id;
    // The same reading and access model as "alert me when ..." typed in that channel.
    const reply = await ctx.pulse.assistant.createAlert({
      text,
      asker: ctx.asker(user, channel),
      channels: ctx.channels,
    });
    // Anything but a created rule keeps the form open, the reason under the field.
    if (reply.kind !== "notice")
      return ack({ response_action: "errors", errors: { rule: reply.text.slice(0, 2000) } });
    await ack();
    ctx.track(() =>
      client.chat
        .postMessage({ channel, text: `<@${user}>: ${escapeText(reply.text)}` })
        .catch((error) => {
          // The rule exists but cannot post where it belongs: its maker hears it, in a direct message.
          if (!cannotPostHere(error)) throw error;
          return client.chat.postMessage({
            channel: user,
            text: `${escapeText(reply.text)}\nI am not in <#${channel}> yet, so the alert cannot post there: invite me with \`/invite @Pulse\` in that channel.`,
          });
        }),
    );
  });
}
