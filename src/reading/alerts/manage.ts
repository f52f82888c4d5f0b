/**
 * Commands about rules that exist: list, pause, resume, delete, mute, test,
 * run, history and edit, each with the rules it is about (alerts.md's
 * `target`): "alert 3", "alerts 3 and 4", "all my alerts", or the words that
 * name a rule by what it watches ("the weekly revenue digest" -> "weekly
 * revenue"), resolved against the chat's rules by the chat, not here.
 */
import { getMetric } from "../../metrics/registry.js";
import { understand } from "../../questions/pipeline.js";
import { readNumbers } from "../numbers.js";
import type { AlertAction, AlertRequest, RuleSpec, RuleTarget } from "../request.js";
import { utter } from "../utterance.js";
import { outOfBounds } from "./bounds.js";
import { type ConditionContext, emptyRule } from "./conditions.js";
import { readSchedule } from "./schedule-words.js";
import { readUntil } from "./until.js";

export interface ManageContext extends ConditionContext {
  now: Date;
  timezone: string;
}

export type Managed = AlertRequest | { problem: string; suggestions: string[] };

const RULE_WORD = String.raw`(?:alerts?|rules?|digests?|notifications?|warnings?|pings?|reports?|summar(?:y|ies)|updates?|subscriptions?|monitors?|watch(?:es)?)`;

const listPattern = new RegExp(
  String.raw`^(?:(?:please|pls|can you|could you)\s+)?(?:(?:list|show|see|view|display|give me|get|print)\s+(?:me\s+)?)?(?:all\s+)?(?:of\s+)?(?:my|our|the|your|all|current|active|existing|this chat's|this channel's)?\s*(?:current\s+|active\s+|existing\s+)?${RULE_WORD}(?:\s+(?:list|set up|do i have|i have|we have|are there|running|here|in this (?:channel|chat)|for this (?:chat|channel)|you have))*$|^(?:what|which)\s+(?:${RULE_WORD}|rules)\s+(?:do|did|have|are|exist|is)\b|^do (?:i|we) have (?:any )?${RULE_WORD}\b|^what are you (?:watching|monitoring|tracking)\b|^what am i subscribed to\b`,
);

const verbs: [RegExp, AlertAction][] = [
  [
    /^(?:delete|remove|cancel|drop|kill|get rid of|trash|erase|scrap|discard|unsubscribe(?: me)? from|destroy)\b/,
    "delete",
  ],
  [
    /^(?:resume|unpause|enable|re-?enable|restart|turn on|switch on|reactivate|re-?activate|unmute|unsnooze|start(?= .* again\b))\b/,
    "resume",
  ],
  [/^(?:pause|stop|disable|suspend|turn off|switch off|deactivate|hold|freeze)\b/, "pause"],
  [/^(?:mute|snooze|silence|quiet|hush|shush)\b/, "mute"],
  [
    /^(?:send (?:me |us )?a test(?: of| for)?|test|try|do a test(?: run)?(?: of)?|send (?:me |us )?a sample(?: of)?)\b/,
    "test",
  ],
  [/^(?:run|check|fire|trigger|evaluate|execute)\b/, "run"],
  [
    /^(?:change|edit|update|set|move|make|adjust|raise|lower|bump|modify|tweak|reschedule|increase|decrease|reduce|push)\b/,
    "edit",
  ],
];

const articles = /\b(?:the|a|an|my|our|your|this|that|these|those|its|their)\b/g;
const ruleWords = new RegExp(String.raw`\b${RULE_WORD}\b|\bone\b`, "g");

/** The rules a phrase names, or null when it names none. */
export function readTarget(phrase: string): RuleTarget | null {
  const ids = new RegExp(
    String.raw`(?:\b${RULE_WORD}\s*(?:number\s*|no\.?\s*|#\s*)?|#)(\d+(?:\s*(?:,|and|&|\+)\s*#?\d+)*)`,
  ).exec(phrase);
  if (ids) return { ids: ids[1]!.split(/\D+/).filter(Boolean).map(Number) };
  if (/\b(?:all|every|each|everything)\b/.test(phrase)) return { all: true };
  if (!new RegExp(String.raw`\b${RULE_WORD}\b`).test(phrase)) return null;
  const words = phrase
    .replace(articles, " ")
    .replace(ruleWords, " ")
    .replace(/[^\p{L}\p{N}\s%-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return words === "" ? null : { words };
}

const request = (
  action: AlertAction,
  target: RuleTarget | null,
  rest: Partial<AlertRequest> = {},
): AlertRequest => ({
  intent: "alert",
  action,
  target,
  rule: null,
  until: null,
  channel: null,
  unused: [],
  ...rest,
});

/** Where the rule's name ends and what is done to it begins: "to 6%", "until monday", ": above 7%". */
const TAIL =
  /\s*(?::|\bto\b|\buntil\b|\btill\b|\bfor\b|\bso(?: that)?(?: it)?\b|\bat\b|\bfrom\b|\binstead\b|\bnow\b|\bagain\b|\bon\b|\bevery\b|\beach\b|\bdaily\b|\bweekly\b|\bmonthly\b|\bhourly\b|\bweekdays\b|\bwith\b|\binto\b|\b(?:above|below|over|under)\b|\s-\s)/;

/** A command about existing rules, or null when the text is not one. */
export function readManage(text: string, ctx: ManageContext): Managed | null {
  if (listPattern.test(text)) return request("list", null);
  // The workspace's time zone is a setting, not a rule (src/alerts/zone.ts reads it).
  if (/\btime[- ]?zone\b/.test(text)) return null;
  const history =
    /^(?:(?:show|see|view|get|give me|print)\s+(?:me\s+)?)?(?:the\s+)?(.*?)\b(?:history|log|firings)\b(.*)$|^when did (.+?) (?:last )?(?:fire|go off|trigger)/.exec(
      text,
    );
  if (history) {
    const phrase =
      `${history[1] ?? history[3] ?? ""} ${(history[2] ?? "").replace(/^\s*(?:of|for)\s+/, "")}`
        .replace(/\s+/g, " ")
        .trim();
    const target = readTarget(phrase);
    if (target || /^(?:(?:the|my|our)\s+)?(?:alerts?|digests?)?$/.test(phrase))
      return request("history", target ?? { all: true });
  }
  const lead = text.replace(
    /^(?:(?:please|pls|can you|could you|would you|kindly|ok|okay|hey)\s+)+/,
    "",
  );
  for (const [pattern, action] of verbs) {
    const verb = pattern.exec(lead);
    if (!verb) continue;
    const after = lead.slice(verb[0].length).trim();
    // The rule's name ends with its alert word ("the weekly revenue digest"), else where what is done begins.
    const named = new RegExp(
      String.raw`^.*?\b${RULE_WORD}\b(?:\s*(?:number\s*|no\.?\s*|#\s*)?\d+(?:\s*(?:,|and|&|\+)\s*#?\d+)*)?`,
    ).exec(after);
    const tail = named ? null : TAIL.exec(after);
    const end = named ? named[0].length : tail ? tail.index : after.length;
    const phrase = after.slice(0, end);
    const rest = after.slice(end);
    const target = readTarget(phrase);
    if (!target) return null;
    switch (action) {
      case "pause":
      case "mute": {
        const { until } = readUntil(rest, ctx.now, ctx.timezone);
        return request(action, target, { until });
      }
      case "edit":
        return readEdit(target, rest, ctx);
      default:
        return request(action, target);
    }
  }
  return null;
}

/** "to 6%", "to 10am", "to fridays at 8", "to #sales", ": above 7%": only what changes is set. */
function readEdit(target: RuleTarget, rest: string, ctx: ManageContext): Managed {
  let text = rest.replace(/^\s*(?::|to|so(?: that)?(?: it)?|-)\s*/, " ");
  let channel: string | null = null;
  const posted = /(?:\b(?:to|in|into)\s+)?#([\w-]+)/.exec(text);
  if (posted) {
    channel = `#${posted[1]}`;
    text = text.replace(posted[0], " ");
  }
  const schedule = readSchedule(text);
  if (schedule.problem) return { problem: schedule.problem, suggestions: [] };
  text = schedule.rest;
  const number = readNumbers(text)[0];
  const op = /\b(?:above|over|more than|exceeds?|higher than)\b/.test(text)
    ? "above"
    : /\b(?:below|under|less than|fewer than|lower than)\b/.test(text)
      ? "below"
      : null;
  const changed: RuleSpec = {
    ...emptyRule,
    op,
    value: number ? number.value : null,
    schedule: schedule.schedule,
  };
  if (!number && !schedule.schedule && !channel && !op)
    return {
      problem: `What should change? Say for example "change the churn alert to 6%" or "move the revenue digest to 10am".`,
      suggestions: [],
    };
  if (number && "words" in target) {
    const { query } = understand(utter(target.words), ctx.today, ctx.values);
    const metric = query.intent === "metric" ? query.metrics[0] : undefined;
    if (metric) {
      const problem = outOfBounds(
        metric,
        number.value,
        number.percent && getMetric(metric).unit !== "percent" ? true : false,
      );
      if (problem) return { problem, suggestions: [] };
    }
  }
  return request("edit", target, {
    rule: number || op || schedule.schedule ? changed : null,
    channel,
  });
}
