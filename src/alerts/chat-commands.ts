/**
 * Runs the alert commands typed in Slack or Telegram, for the assistant to
 * check before normal question parsing. Rules are bound to the chat they were
 * created in; only people allowed to ask there may create or change them.
 */

import type { Database } from "../../db/client.js";
import { utcMinute } from "../answers/format.js";
import type { AskInput, Reply } from "../assistant/types.js";
import type { Clock } from "../clock.js";
import { PulseError } from "../errors.js";
import { getWorkspace, localDate } from "../workspace/workspace.js";
import { mayDeliverTo } from "./access.js";
import { type AlertCommand, parseAlertCommand } from "./commands.js";
import {
  createRule,
  deleteRule,
  describeRule,
  listRules,
  pauseRule,
  type RuleScope,
  resumeRule,
  snoozeRule,
} from "./rules.js";
import type { AlertPlatform } from "./types.js";

export interface AlertCommandDeps {
  db: Database;
  clock: Clock;
}

const notice = (text: string): Reply => ({ kind: "notice", text });

/** Runs a parsed command for a chat; the reply says what happened. */
export async function runAlertCommand(
  deps: AlertCommandDeps,
  place: { workspaceId: string; platform: AlertPlatform; chatId: string; userId: string },
  command: AlertCommand,
): Promise<string> {
  const scope: RuleScope = {
    workspaceId: place.workspaceId,
    platform: place.platform,
    chatId: place.chatId,
  };
  const now = deps.clock.now();
  switch (command.kind) {
    case "invalid":
      return command.message;
    case "list": {
      const rules = await listRules(deps.db, scope);
      if (rules.length === 0)
        return 'No alerts in this chat yet. Try "alert me when churn goes above 5%" or "every Monday at 9 send revenue last week and NPS".';
      return [`Alerts in this chat:`, ...rules.map((r) => describeRule(r, now))].join("\n");
    }
    case "pause":
      return `Paused alert ${(await pauseRule(deps.db, scope, command.id)).id}. Say "resume alert ${command.id}" to start it again.`;
    case "mute":
      await pauseRule(deps.db, scope, command.id);
      return `Muted alert ${command.id}: it stays quiet until you say "resume alert ${command.id}".`;
    case "resume":
      await resumeRule(deps.db, scope, command.id, now);
      return `Alert ${command.id} is active again (missed runs while it was paused are not sent).`;
    case "delete":
      await deleteRule(deps.db, scope, command.id);
      return `Deleted alert ${command.id}.`;
    case "snooze": {
      const until = new Date(now.getTime() + command.minutes * 60_000);
      await snoozeRule(deps.db, scope, command.id, until);
      return `Snoozed alert ${command.id} until ${utcMinute(until)}.`;
    }
    case "create": {
      await mayDeliverTo(deps.db, place);
      const workspace = await getWorkspace(deps.db, place.workspaceId);
      const rule = await createRule(
        deps.db,
        {
          workspaceId: place.workspaceId,
          title: command.title,
          definition: command.definition,
          schedule: command.schedule,
          timezone: workspace.timezone,
          platform: place.platform,
          chatId: place.chatId,
          ownerId: place.userId,
        },
        now,
      );
      const when =
        rule.schedule === null
          ? "as it happens"
          : `on schedule ${rule.schedule} (${rule.timezone}); next ${rule.nextRunAt ? utcMinute(rule.nextRunAt) : "not scheduled"}`;
      return `Created alert ${rule.id} for this chat: ${rule.title} (${rule.kind}, ${when}). Say "list alerts", "pause alert ${rule.id}" or "delete alert ${rule.id}" to manage it.`;
    }
  }
}

/** The assistant's hook: a Reply for an alert command, or null for a normal question. */
export function createAlertCommands(deps: AlertCommandDeps) {
  return {
    async handle(input: AskInput): Promise<Reply | null> {
      // The date only checks that question parts name a metric; questions are stored as words.
      const command = parseAlertCommand(input.text, localDate(deps.clock.now(), "UTC"));
      if (!command) return null;
      const { platform } = input.asker;
      if (platform === "terminal")
        return notice(
          "Alerts live in a Slack channel or Telegram chat: ask there, or use `pulse alert add`.",
        );
      try {
        return notice(await runAlertCommand(deps, { ...input.asker, platform }, command));
      } catch (error) {
        if (error instanceof PulseError) return notice(error.message);
        throw error;
      }
    },
  };
}
