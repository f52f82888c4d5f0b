/**
 * Runs the alert commands typed in Slack or Telegram (and by `pulse alert`),
 * for the assistant to check before normal question parsing. Rules are bound
 * to the chat they were created in, or the channel the text names ("notify
 * #sales when ..."); only people allowed to ask there may create or change
 * them. Every reply restates the rule from what was stored (describe.ts).
 */

import type { Database } from "../../db/client.js";
import type { CommandInput, Reply } from "../assistant/types.js";
import type { Clock } from "../clock.js";
import { AccessDeniedError, PulseError } from "../errors.js";
import { interpretationOf } from "../questions/query.js";
import { workspaceValues } from "../questions/workspace-values.js";
import type { RuleTarget } from "../reading/request.js";
import { utter } from "../reading/utterance.js";
import { getWorkspace, localDate } from "../workspace/workspace.js";
import { mayDeliverTo } from "./access.js";
import { type ChannelDirectory, channelIdOf } from "./channels.js";
import { type AlertCommand, alertExamples, readAlertCommand, tryRules } from "./commands.js";
import { placeOf, ruleInWords, whenInZone } from "./describe.js";
import type { Targeted } from "./from-request.js";
import {
  createRule,
  deleteRule,
  type FiringRecord,
  fireNow,
  firingHistory,
  getRule,
  lastFirings,
  listRules,
  pauseRule,
  type RuleScope,
  redefineRule,
  rescheduleRule,
  resumeRule,
  snoozeRule,
} from "./rules.js";
import type { AlertPlatform, AlertRule } from "./types.js";
import { changeWorkspaceZone, zoneQuestion } from "./zone.js";

export interface AlertCommandDeps {
  db: Database;
  clock: Clock;
}

const notice = (text: string): Reply => ({ kind: "notice", text });

/** One firing in a history, in its rule's own zone: when, what happened, how many attempts, how late. */
function firingInWords(f: FiringRecord): string {
  const { timezone } = f;
  const kind =
    f.purpose === "test" ? " (test)" : f.purpose === "owner_notice" ? " (notice to the owner)" : "";
  const lateness = f.deliveredAt
    ? Math.round((f.deliveredAt.getTime() - f.scheduledFor.getTime()) / 1000)
    : null;
  const timing =
    lateness === null
      ? ""
      : f.late
        ? ` · late: sent ${whenInZone(f.deliveredAt!, timezone)}, Pulse was not running when it was due`
        : ` · sent ${lateness < 60 ? `${lateness} s` : `${Math.round(lateness / 60)} min`} after it was due`;
  const error = f.lastError && f.status !== "delivered" ? ` · ${f.lastError}` : "";
  return `alert ${f.ruleId}${kind} · due ${whenInZone(f.scheduledFor, timezone)} · ${f.status} · ${f.attempts} ${f.attempts === 1 ? "attempt" : "attempts"}${timing}${error}`;
}

/** Runs a parsed command for a chat; the reply says what happened. */
export async function runAlertCommand(
  deps: AlertCommandDeps,
  place: {
    workspaceId: string;
    platform: AlertPlatform;
    chatId: string;
    userId: string;
    /** Where a channel typed by name ("#sales") is looked up; absent where there is none. */
    channels?: ChannelDirectory | undefined;
  },
  command: AlertCommand,
): Promise<string> {
  const scope: RuleScope = {
    workspaceId: place.workspaceId,
    platform: place.platform,
    chatId: place.chatId,
  };
  const now = deps.clock.now();
  const workspace = await getWorkspace(deps.db, place.workspaceId);
  const inWords = async (rule: AlertRule) =>
    ruleInWords(rule, {
      currency: workspace.currency,
      now,
      lastFiring: (await lastFirings(deps.db, [rule.id])).get(rule.id) ?? null,
    });
  switch (command.kind) {
    case "invalid":
      return command.message;
    case "list": {
      const rules = await listRules(deps.db, scope);
      if (rules.length === 0)
        return 'No alerts in this chat yet. Try "alert me when churn goes above 5%" or "every Monday at 9 send revenue last week and NPS".';
      const last = await lastFirings(
        deps.db,
        rules.map((r) => r.id),
      );
      return [
        "Alerts in this chat:",
        ...rules.map((r) =>
          ruleInWords(r, { currency: workspace.currency, now, lastFiring: last.get(r.id) ?? null }),
        ),
      ].join("\n");
    }
    case "history": {
      const firings = await firingHistory(deps.db, scope, command.id);
      if (firings.length === 0)
        return command.id === null
          ? "No alert has fired in this chat yet."
          : `Alert ${command.id} has not fired yet.`;
      return [
        command.id === null
          ? "Latest firings in this chat:"
          : `Latest firings of alert ${command.id}:`,
        ...firings.map(firingInWords),
      ].join("\n");
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
      const { span } = command;
      const until = "until" in span ? span.until : new Date(now.getTime() + span.minutes * 60_000);
      const rule = await snoozeRule(deps.db, scope, command.id, until);
      return `Snoozed alert ${command.id} until ${whenInZone(until, rule.timezone)}.`;
    }
    case "test":
    case "run": {
      const rule = await getRule(deps.db, scope, command.id);
      await fireNow(deps.db, rule, command.kind === "test" ? "test" : "alert", now);
      return command.kind === "test"
        ? `Sending a test of alert ${rule.id} to ${placeOf(rule)} now, marked as a test.`
        : `Checking alert ${rule.id} now; it posts to ${placeOf(rule)} if it fires.`;
    }
    case "reschedule": {
      const rule = await rescheduleRule(deps.db, scope, command.id, command.schedule, now);
      return `Changed alert ${rule.id}:\n${await inWords(rule)}`;
    }
    case "retune": {
      const rule = await getRule(deps.db, scope, command.id);
      if (rule.definition.kind !== "threshold")
        throw new PulseError(
          "query_invalid",
          `Alert ${rule.id} is a ${rule.kind} rule, not a threshold: say the whole rule, "edit alert ${rule.id}: alert me when ...".`,
        );
      const changed = await redefineRule(
        deps.db,
        scope,
        rule.id,
        {
          title: rule.title,
          definition: {
            ...rule.definition,
            comparison: command.comparison ?? rule.definition.comparison,
            value: command.value,
          },
          schedule: rule.schedule,
        },
        now,
      );
      return `Changed alert ${changed.id}:\n${await inWords(changed)}`;
    }
    case "retime": {
      const rule = await getRule(deps.db, scope, command.id);
      if (!rule.schedule)
        throw new PulseError(
          "query_invalid",
          `Alert ${rule.id} fires as rows arrive, at no time of day: nothing to move.`,
        );
      const [hour, minute] = command.at.split(":").map(Number);
      const fields = rule.schedule.split(" ");
      const schedule = [minute, fields[1] === "*" ? "*" : hour, ...fields.slice(2)].join(" ");
      const changed = await rescheduleRule(deps.db, scope, rule.id, schedule, now);
      return `Changed alert ${changed.id}:\n${await inWords(changed)}`;
    }
    case "redefine": {
      const changed = await redefineRule(deps.db, scope, command.id, command.rule, now);
      return `Changed alert ${changed.id}:\n${await inWords(changed)}`;
    }
    case "zone": {
      // The workspace's setting, changed from a chat allowed to see numbers.
      await mayDeliverTo(deps.db, place);
      const change = await changeWorkspaceZone(
        deps.db,
        place.workspaceId,
        command.zone,
        command.choice,
        now,
      );
      if (change.kind === "asked")
        return zoneQuestion(change, {
          move: `Say "set the time zone to ${change.to} and move alerts"`,
          keep: `"set the time zone to ${change.to} and keep alerts"`,
        });
      const to = change.workspace.timezone;
      const rules =
        change.moved > 0
          ? ` Moved ${change.moved} ${change.moved === 1 ? "alert" : "alerts"} to ${to}: their times stay, now in ${to}.`
          : change.kept > 0
            ? ` ${change.kept} ${change.kept === 1 ? "alert stays" : "alerts stay"} in ${change.from}.`
            : "";
      return `The workspace's time zone is now ${to} (it was ${change.from}): dates and ranges are read there, and new alerts run there.${rules}`;
    }
    case "create": {
      // A channel named in the text is where the rule posts; otherwise the chat it was made in.
      if (command.target && place.platform !== "slack")
        throw new PulseError(
          "query_invalid",
          `In Telegram an alert posts to the chat it is made in: make it in that chat instead of naming ${command.target}.`,
        );
      const chatId = command.target
        ? await channelIdOf(command.target, place.channels)
        : place.chatId;
      await mayDeliverTo(deps.db, { ...place, chatId });
      const rule = await createRule(
        deps.db,
        {
          workspaceId: place.workspaceId,
          title: command.title,
          definition: command.definition,
          schedule: command.schedule,
          timezone: command.timezone ?? workspace.timezone,
          platform: place.platform,
          chatId,
          ownerId: place.userId,
        },
        now,
      );
      return `Created alert ${rule.id}. I understood:\n${await inWords(rule)}\nSay "list alerts", "send a test of alert ${rule.id}", "edit alert ${rule.id}: ..." or "delete alert ${rule.id}" to manage it.`;
    }
  }
}

/** The rules a target names in this chat: ids as said, all of them, or the one its words name. */
async function resolveTarget(
  db: Database,
  scope: RuleScope,
  target: RuleTarget,
): Promise<number[] | string> {
  if ("ids" in target) return target.ids;
  const rules = await listRules(db, scope);
  if (rules.length === 0) return 'No alerts in this chat yet. Say "list alerts" to check.';
  if ("all" in target) return rules.map((r) => r.id);
  const words = target.words.split(" ");
  const named = rules.filter((r) => {
    const said = `${r.title} ${JSON.stringify(r.definition)}`.toLowerCase();
    return words.every((w) => said.includes(w));
  });
  if (named.length === 1) return [named[0]!.id];
  if (named.length === 0)
    return `No alert in this chat is about "${target.words}": say "list alerts" to see them, then name one by its number.`;
  return `Which one? ${named.map((r) => `alert ${r.id} ("${r.title}")`).join(", ")}: say it by its number, for example "${"pause alert"} ${named[0]!.id}".`;
}

/**
 * Runs a command, or the command for each rule its target names; deleting
 * several at once is confirmed by naming them ("delete alerts 3 and 5").
 */
export async function runAlertRequest(
  deps: AlertCommandDeps,
  place: Parameters<typeof runAlertCommand>[1],
  command: AlertCommand | Targeted,
): Promise<string> {
  if ("kind" in command) return runAlertCommand(deps, place, command);
  const scope: RuleScope = {
    workspaceId: place.workspaceId,
    platform: place.platform,
    chatId: place.chatId,
  };
  const ids = await resolveTarget(deps.db, scope, command.target);
  if (typeof ids === "string") throw new PulseError("query_invalid", ids);
  const first = command.command(ids[0]!);
  if (first.kind === "delete" && "all" in command.target && ids.length > 1)
    throw new PulseError(
      "query_invalid",
      `That deletes ${ids.length} alerts: say "delete alerts ${ids.join(", ")}" to confirm.`,
    );
  const done: string[] = [];
  for (const id of ids) done.push(await runAlertCommand(deps, place, command.command(id)));
  return done.join("\n");
}

/** A text read as an alert command (`pulse ask --json` prints it as such). */
export const alertInterpretation = interpretationOf({ intent: "alert", unused: [] });

/** Words taken for an alert command that make no rule Pulse can run: said back, with rules to copy. */
const unread = (text: string, suggestions: readonly string[] = alertExamples): Reply => ({
  kind: "unknown",
  text,
  suggestions: [...suggestions],
  interpretation: alertInterpretation,
});

/**
 * The assistant's hooks: `handle`, called before a text is read as a
 * question (a Reply for an alert command, or null); `create`, for a text where
 * only a new rule is expected (Slack's alert form). A notice says what was
 * done; a refusal (the chat may not see numbers) and words Pulse cannot run
 * are replies of their own kinds, so adapters show them to the asker alone.
 */
export function createAlertCommands(deps: AlertCommandDeps) {
  const read = async (input: CommandInput): Promise<AlertCommand | Targeted | null> => {
    // Whether a text is an alert command does not depend on the date or the data: most texts
    // are questions and cost no look-up; a command is read again on the workspace's today,
    // which a rule's window ("last week") is taken against, and with its values.
    const now = deps.clock.now();
    const message = utter(input.text);
    const probe = { today: localDate(now, "UTC"), now, timezone: "UTC", values: {} };
    if (!readAlertCommand(message, probe)) return null;
    const { workspaceId } = input.asker;
    const [workspace, values] = await Promise.all([
      getWorkspace(deps.db, workspaceId),
      workspaceValues(deps.db, workspaceId, { maxAgeMs: 0 }),
    ]);
    return readAlertCommand(input.text, {
      today: localDate(now, workspace.timezone),
      now,
      timezone: workspace.timezone,
      values,
    });
  };
  const run = async (input: CommandInput, command: AlertCommand | Targeted): Promise<Reply> => {
    if ("kind" in command && command.kind === "invalid") return unread(command.message);
    const { platform } = input.asker;
    if (platform === "terminal")
      return notice(
        "Alerts live in a Slack channel or Telegram chat: ask there, or use `pulse alert add`.",
      );
    try {
      return notice(
        await runAlertRequest(
          deps,
          { ...input.asker, platform, channels: input.channels },
          command,
        ),
      );
    } catch (error) {
      if (error instanceof AccessDeniedError) return { kind: "refused", text: error.message };
      if (error instanceof PulseError) return unread(error.message, []);
      throw error;
    }
  };
  return {
    async handle(input: CommandInput): Promise<Reply | null> {
      const command = await read(input);
      return command && run(input, command);
    },
    async create(input: CommandInput): Promise<Reply> {
      const command = await read(input);
      if (command && "kind" in command && (command.kind === "create" || command.kind === "invalid"))
        return run(input, command);
      return unread(`That is not a new alert rule. ${tryRules}`);
    },
  };
}
