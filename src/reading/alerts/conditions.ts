/**
 * What a new rule watches, from the words of its condition (the cue words
 * "ping me if", "let me know when" already taken out):
 * - a change: "orders drop more than 25% compared to last week", "churn
 *   rises by 2 points", "revenue moves 10% year over year";
 * - a threshold: "churn goes over 5%", "active customers drop under 2000",
 *   "MRR passes 200k";
 * - an anomaly, for vague words: "anything weird happens with orders",
 *   "revenue looks off", "keep an eye on churn".
 * The metric part is read by the question reader (watched.ts).
 */
import type { Compare } from "../../metrics/types.js";
import type { WorkspaceValues } from "../../questions/workspace-values.js";
import { type NumberMention, readNumbers } from "../numbers.js";
import type { RuleSpec, WatchWindow } from "../request.js";
import { outOfBounds } from "./bounds.js";
import { watched } from "./watched.js";

export type Condition = { rule: RuleSpec } | { problem: string; suggestions: string[] };

export const emptyRule: RuleSpec = {
  kind: null,
  query: null,
  queries: null,
  op: null,
  value: null,
  percent: null,
  points: null,
  compare: null,
  schedule: null,
  event: null,
};

const ABOVE = String.raw`(?:above|over|more than|greater than|higher than|bigger than|larger than|beyond|past|north of|in excess of|>=?|exceeds?|exceeding|passes|pass|passing|tops|top|crosses|cross|breaks|break|hits|hit|reaches|reach|at least|gets to|get to|goes past|go past|goes beyond)`;
const BELOW = String.raw`(?:below|under|less than|fewer than|lower than|smaller than|beneath|south of|<=?|at most|dips under|short of)`;
const VERB = String.raw`(?:is|are|was|goes|go|going|gets|get|getting|rises|rise|climbs|climb|jumps|jump|moves|move|drops|drop|dropping|falls|fall|falling|dips|dip|sinks|sink|slips|slip|declines|decline|stays|stay|ever|ends up|comes in|come in)`;
const DOWN = String.raw`drops?|dropped|dropping|falls?|falling|fell|declines?|declining|decreases?|decreasing|dips?|dipping|sinks?|slips?|slides?|goes down|go down|is down|are down|down|tanks?|plunges?|plummets?|shrinks?|contracts?`;
const UP = String.raw`rises?|rising|rose|increases?|increasing|grows?|growing|grew|jumps?|jumping|climbs?|climbing|spikes?|surges?|goes up|go up|is up|are up|up|soars?|swells?`;
const ANY = String.raw`changes?|changing|moves?|moving|swings?|shifts?|fluctuates?|varies|deviates?`;
const CHANGE_NUM = String.raw`(?:by\s+)?(?:more than\s+|over\s+|at least\s+|by more than\s+|by over\s+|by at least\s+|>\s*)?`;

const previousYear =
  /\b(?:year[- ]over[- ]year|year on year|yoy|y\/y|(?:vs|versus|compared (?:to|with)|against|than|from|relative to|over)\s+(?:the\s+)?(?:same\s+(?:day|week|month|quarter|period|time)\s+)?(?:last|previous|prior|a|one)\s+year(?:\s+(?:ago|before|earlier))?|same (?:day|week|month|quarter|period) last year)\b/;
const previousPeriod =
  /\b(?:(week|month|day|quarter)[- ](?:over|on)[- ](?:week|month|day|quarter)|(wow|mom|dod|qoq)|(?:vs|versus|compared (?:to|with)|against|than|from|relative to|over)\s+(?:the\s+)?(?:(?:last|previous|prior|preceding)\s+(week|month|day|quarter|period)|(week|month|day|quarter|period) before|before|previously|usual|normal))\b/;

const vague =
  /\b(?:anything|something|stuff)\s+(?:weird|odd|strange|unusual|funny|off|wrong|abnormal|suspicious|crazy|out of the ordinary)\b|\b(?:weird|odd|strange|unusual|abnormal|anomalous|suspicious|funny|off|wrong|crazy|out of (?:the )?ordinary|out of (?:its |the )?(?:normal|usual|expected) range|outside (?:its |the )?(?:normal|usual|expected) range)\b|\banomal(?:y|ies)\b|\bspikes?\b|\b(?:something|anything)(?:'s| is)? up\b/;

/** Words around a metric that are no part of it. */
const glue =
  /\b(?:happens?|happening|with|in|on|about|of|for|our|the|goes|looks?|seems?|is|are|gets|if|when|there(?:'s| is)|any|anything|something|stuff|activity|numbers?|figures?|metric)\b/g;

const unitOf = (u: string): "day" | "week" | "month" | null =>
  u === "day" || u === "dod"
    ? "day"
    : u === "week" || u === "wow"
      ? "week"
      : u === "month" || u === "mom"
        ? "month"
        : null;

const cut = (text: string, from: number, to: number) => `${text.slice(0, from)} ${text.slice(to)}`;

export interface ConditionContext {
  today: string;
  values: WorkspaceValues;
}

/** The rule a condition names, null when the words name none. */
export function readCondition(text: string, ctx: ConditionContext): Condition | null {
  return readChange(text, ctx) ?? readThreshold(text, ctx) ?? readAnomaly(text, ctx);
}

function readChange(text: string, ctx: ConditionContext): Condition | null {
  const verbFirst = new RegExp(
    String.raw`\b(${DOWN}|${UP}|${ANY})\s+${CHANGE_NUM}(\S+(?:\s(?:percent|per cent|points?|pp|pts|%))?)`,
  ).exec(text);
  const numberFirst = verbFirst
    ? null
    : /\b(?:an?\s+)?(?:more than\s+|over\s+)?(\d[\d.,]*\s?(?:%|percent|points?|pp))\s+(drop|fall|decline|decrease|dip|rise|increase|jump|growth|spike|change|swing|move)\b(?:\s+(?:in|of))?/.exec(
        text,
      );
  const m = verbFirst ?? numberFirst;
  if (!m) return null;
  const numberText = verbFirst ? m[2]! : m[1]!;
  const number = readNumbers(numberText)[0];
  if (!number) return null;
  const verb = verbFirst ? m[1]! : m[2]!;
  if (!number.percent && !number.points)
    return {
      problem: `I watch a change in percent or in points: say by how much, for example "drops more than 20%".`,
      suggestions: [],
    };
  const op =
    new RegExp(`^(?:${DOWN})$`).test(verb) || /drop|fall|decline|decrease|dip/.test(verb)
      ? "drop"
      : new RegExp(`^(?:${UP})$`).test(verb) || /rise|increase|jump|growth|spike/.test(verb)
        ? "rise"
        : "any";
  let rest = cut(text, m.index, m.index + m[0].length);
  let compare: Compare = "previous_period";
  let fallback: { words: string; window: WatchWindow } | undefined;
  const yearly = previousYear.exec(rest);
  if (yearly) {
    compare = "previous_year";
    rest = cut(rest, yearly.index, yearly.index + yearly[0].length);
  } else {
    const periodic = previousPeriod.exec(rest);
    if (periodic) {
      const unit = unitOf(periodic[1] ?? periodic[2] ?? periodic[3] ?? periodic[4] ?? "");
      if (unit) fallback = { words: `last 1 ${unit}`, window: { last: 1, unit } };
      rest = cut(rest, periodic.index, periodic.index + periodic[0].length);
    }
  }
  const found = watched(strip(rest), ctx.today, ctx.values, fallback);
  if ("problem" in found) return found;
  if (found.query.groupBy)
    return {
      problem: `I can watch a change of the total only, not per group: say it without the group, or watch a threshold per group ("... by plan above 5%").`,
      suggestions: [],
    };
  if (number.value <= 0)
    return { problem: `A change of ${number.text} would always be met.`, suggestions: [] };
  return {
    rule: {
      ...emptyRule,
      kind: "change",
      query: found.query,
      op,
      percent: number.points ? null : number.value,
      points: number.points ? number.value : null,
      compare,
    },
  };
}

/** The words of the metric part alone: glue words, trailing fillers and punctuation out. */
const strip = (text: string): string =>
  text
    .replace(/[,;:!?]+/g, " ")
    .replace(/\b(?:please|pls|thanks|thank you|asap|right away|immediately|straight away)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();

function readThreshold(text: string, ctx: ConditionContext): Condition | null {
  const m = new RegExp(
    String.raw`(?:\b${VERB}\s+)?(?:\b(${ABOVE})|\b(${BELOW}))\s*(?=[-$€£\d]|minus|zero|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred)`,
  ).exec(text);
  if (!m) return null;
  const after = text.slice(m.index + m[0].length);
  const number: NumberMention | undefined = readNumbers(after).find((n) => n.start === 0);
  if (!number) return null;
  const rest = cut(text, m.index, m.index + m[0].length + number.end);
  const found = watched(strip(rest), ctx.today, ctx.values);
  if ("problem" in found) return found;
  const problem = outOfBounds(found.query.metric, number.value, number.percent);
  if (problem) return { problem, suggestions: [] };
  return {
    rule: {
      ...emptyRule,
      kind: "threshold",
      query: found.query,
      op: m[2] ? "below" : "above",
      value: number.value,
    },
  };
}

function readAnomaly(text: string, ctx: ConditionContext): Condition | null {
  const m = vague.exec(text);
  if (!m) return null;
  const rest = strip(cut(text, m.index, m.index + m[0].length).replace(glue, " "));
  if (rest === "") return null;
  const found = watched(rest, ctx.today, ctx.values);
  if ("problem" in found) return found;
  return { rule: { ...emptyRule, kind: "anomaly", query: found.query } };
}

/** "keep an eye on churn", "watch revenue": no line named, so an anomaly rule on the metric. */
export function readWatch(text: string, ctx: ConditionContext): Condition | null {
  const rest = strip(text.replace(glue, " "));
  if (rest === "") return null;
  const found = watched(rest, ctx.today, ctx.values);
  if ("problem" in found) return found;
  return { rule: { ...emptyRule, kind: "anomaly", query: found.query } };
}
