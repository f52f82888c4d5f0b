/**
 * A Slack modal for alerts: the global shortcut "New Pulse alert" opens it;
 * the person writes the rule in words (the same words as in chat) and picks
 * the channel it belongs to. Words Pulse cannot read are shown under the
 * field, and the modal stays open.
 */
import type { App } from "@slack/bolt";
import { runAlertCommand } from "../../../src/alerts/chat-commands.js";
import { parseAlertCommand } from "../../../src/alerts/commands.js";
import { PulseError } from "../../../src/errors.js";
import { getWorkspace, localDate } from "../../../src/workspace/workspace.js";
import type { SlackContext } from "../context.js";

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
    const { pulse } = ctx;
    const asker = { ...ctx.asker(body.user.id, channel), platform: "slack" as const };
    const refuse = (message: string) =>
      ack({ response_action: "errors", errors: { rule: message.slice(0, 2000) } });
    const { timezone } = await getWorkspace(pulse.db, pulse.workspaceId);
    const command = parseAlertCommand(text, localDate(pulse.clock.now(), timezone));
    if (command?.kind !== "create")
      return refuse(
        command?.kind === "invalid"
          ? command.message
          : 'Write a rule, like "alert me when churn goes above 5%".',
      );
    let created: string;
    try {
      created = await runAlertCommand(pulse, asker, command);
    } catch (error) {
      if (error instanceof PulseError) return refuse(error.message);
      throw error;
    }
    await ack();
    ctx.track(() => client.chat.postMessage({ channel, text: `<@${body.user.id}>: ${created}` }));
  });
}
