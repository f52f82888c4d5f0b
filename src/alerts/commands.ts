/**
 * Alert commands typed in a chat, read before normal question parsing:
 * "alert me when churn goes above 5%", "every Monday at 9 send revenue last
 * week and NPS", "list alerts", "pause alert 3", "resume alert 3", "delete
 * alert 3", "snooze alert 3 for 2 hours", "mute alert 3". Metric names are
 * the vocabulary of src/questions: a question part is valid when the
 * question parser reads a metric in it.
 */
import { PulseError } from "../errors.js";
import { getMetric } from "../metrics/registry.js";
import { understand } from "../questions/pipeline.js";
import { metricOf } from "../questions/query.js";
import {
  type AlertContext,
  alertExamples,
  readAlert,
  tryRules,
} from "../reading/alerts/read-alert.js";
import { type Utterance, utter, utteranceOf } from "../reading/utterance.js";
import { parseDealEvent } from "./deals.js";
import { commandOf, type Targeted } from "./from-request.js";
import { planRank } from "./plans.js";
import { scheduleFromWords } from "./schedule.js";
import type {
  AlertQuery,
  Comparison,
  EventCondition,
  EventSource,
  RuleDefinition,
} from "./types.js";
import { windowOf } from "./window.js";
import type { RuleZoneChoice } from "./zone.js";

export type AlertCommand =
  | { kind: "list" }
  | { kind: "pause" | "resume" | "delete" | "mute"; id: number }
  /** Quiet for a span ("for 2 hours") or until an instant ("until monday"). */
  | { kind: "snooze"; id: number; span: { minutes: number } | { until: Date } }
  /** "send a test of alert 3": delivered now, marked as a test; "run alert 3 now": a check now. */
  | { kind: "test" | "run"; id: number }
  /** "show alert history", "history of alert 3". */
  | { kind: "history"; id: number | null }
  /** "change alert 3 to Fridays at 8". */
  | { kind: "reschedule"; id: number; schedule: string }
  /** "move the revenue digest to 10am": the time of day changes, the days stay. */
  | { kind: "retime"; id: number; at: string }
  /** "edit alert 3: above 7%": the condition's number (and comparison, when named) changes, the rest stays. */
  | { kind: "retune"; id: number; comparison: Comparison | null; value: number }
  /** "edit alert 3: alert me when ...": a new rule in place of the old one, same id. */
  | { kind: "redefine"; id: number; rule: NewRuleWords }
  | ({ kind: "create" } & NewRuleWords)
  /** "set the time zone to Europe/Helsinki (and move alerts)": the workspace's zone; asks about rules in the old one. */
  | { kind: "zone"; zone: string; choice: RuleZoneChoice }
  /** Recognisably an alert command, but not one Pulse can set up; the text says why. */
  | { kind: "invalid"; message: string };

export interface NewRuleWords {
  title: string;
  definition: RuleDefinition;
  schedule: string | null;
  /** A chat named in the text ("notify #sales when ..."): the rule delivers there. */
  target?: string;
  /** The zone the words named ("Helsinki time"); null: the workspace's. */
  timezone?: string | null;
}

const units: Record<string, number> = { minute: 1, hour: 60, day: 1440, week: 10080 };

const comparisons: [RegExp, Comparison][] = [
  [/(?:>=|at least|no less than)/, ">="],
  [/(?:<=|at most|no more than)/, "<="],
  [
    /(?:>|above|over|exceeds?|more than|higher than|greater than|rises above|goes above|gets above)/,
    ">",
  ],
  [/(?:<|below|under|less than|lower than|drops below|falls below|goes below)/, "<"],
];

const timeWords =
  /\b(?:last|this|past|previous|today|yesterday|week|month|quarter|year|days?|since|in (?:19|20)\d\d|ytd|mtd|january|february|march|april|may|june|july|august|september|october|november|december)\b/;

/**
 * The metric part read by the question pipeline, with the last 30 days when
 * it names no range; the rule keeps the typed query (metric, filters, group,
 * window), not the words.
 */
function metricQuestion(
  part: string,
  today: string,
  defaultRange = "last 30 days",
): { question: string; query: AlertQuery } | null {
  const text = part.trim().replace(/\s+/g, " ");
  const question = timeWords.test(text) ? text : `${text} ${defaultRange}`;
  const { query } = understand(question, today);
  if (query.intent !== "metric") return null;
  return {
    question,
    query: {
      metric: query.metrics[0],
      filters: [...query.filters],
      groupBy: query.groupBy,
      window: windowOf(query.range, today),
    },
  };
}

/** A number as people write it: "1000", "1,000", "€1,000", "1k", "2.5k", "1.2m". */
export const NUMBER = String.raw`[$€£]?\s*-?\d[\d,]*(?:\.\d+)?\s*[km]?\b`;

export function number(text: string): number {
  const m = /(-?\d[\d,]*(?:\.\d+)?)\s*([km])?/.exec(text.replace(/\s+/g, ""))!;
  const scale = m[2] === "k" ? 1_000 : m[2] === "m" ? 1_000_000 : 1;
  return Math.round(Number(m[1]!.replace(/,/g, "")) * scale * 100) / 100;
}

function parseEvent(text: string): { source: EventSource; conditions: EventCondition[] } | null {
  const deal = parseDealEvent(text, number);
  if (deal) return { source: "deal", conditions: deal };
  if (/\bdetractors?\b/.test(text))
    return { source: "event", conditions: [{ field: "kind", op: "=", value: "survey_detractor" }] };
  const order = new RegExp(
    String.raw`\borders?\b(?:.*?(?:\bover|\babove|\bmore than|\bgreater than|\bof more than|>|\bbigger than|\blarger than)\s*(${NUMBER}))?`,
  ).exec(text);
  if (order && !/\b(?:count|number of|orders per|aov|average order)\b/.test(text)) {
    const vague = /\b(big|large|huge|major|significant|high[- ]value|expensive)\s+orders?\b/.exec(
      text,
    );
    if (!order[1] && vague)
      throw new AlertQuestion(
        `Over what amount is an order ${vague[1]}? Say for example "alert me when an order over 1,000 comes in".`,
      );
    return {
      source: "order",
      conditions: order[1] ? [{ field: "amount", op: ">", value: number(order[1]) }] : [],
    };
  }
  const planOf = (): EventCondition[] => {
    // "a new signup on a plan above basic", "a signup over the plus plan": a plan higher up.
    const above =
      /\b(?:over|above|higher than|better than|beyond)\s+(?:the\s+|a\s+)?([\w-]+)(?:\s+plan)?\b/.exec(
        text,
      );
    if (above) {
      const word = above[1]!;
      if (planRank(word) === null)
        throw new AlertQuestion(
          word === "plan"
            ? 'Above which plan? Say for example "alert me when someone signs up on a plan above basic".'
            : `I do not know where the plan "${word}" stands: say the plan itself, for example "alert me when someone signs up on plan ${word}".`,
        );
      return [{ field: "plan", op: ">", value: word }];
    }
    // "signs up for pro", "signed up to the pro plan".
    const signedFor =
      /\bsign(?:s|ed)?[ -]?up\s+(?:for|on|to)\s+(?:the\s+)?(?!a\b|an\b|any\b|plan\b)([\w-]+)/.exec(
        text,
      )?.[1];
    const before = /\b([\w-]+)\s+plan\b/.exec(text)?.[1];
    const name =
      /\bplan\s+(?!is\b|churns?\b)([\w-]+)/.exec(text)?.[1] ??
      (before && !["on", "of", "the", "a", "any", "with", "their"].includes(before)
        ? before
        : undefined);
    if (name ?? signedFor) return [{ field: "plan", op: "=", value: (name ?? signedFor)! }];
    const adjective = /\b(?:an?|any)\s+(?:new\s+)?([\w-]+)\s+(?:customer|signup|sign-up|user)/.exec(
      text,
    )?.[1];
    if (adjective && /^(?:big|large|huge|major|important|key|vip|top|valuable)$/.test(adjective))
      throw new AlertQuestion(
        `Which customers are ${adjective}? Say their plan, for example "alert me when a customer on plan pro churns".`,
      );
    return adjective && !["new", "single"].includes(adjective)
      ? [{ field: "plan", op: "=", value: adjective }]
      : [];
  };
  if (
    /\bchurns?\b|\bchurned\b|\bcancels?\b|\bleaves\b/.test(text) &&
    /\bcustomer|\bclient|\bsomeone|\banyone|\bplan\b/.test(text)
  )
    return { source: "churn", conditions: planOf() };
  if (/\bsign(?:s|ed)?[ -]?ups?\b|\bnew customers?\b|\bregisters\b/.test(text)) {
    const channel = /\b(?:from|via|through)\s+(?:the\s+)?(?:channel\s+)?([\w-]+)/.exec(text)?.[1];
    return {
      source: "signup",
      conditions: [
        ...(channel ? [{ field: "channel", op: "=" as const, value: channel }] : []),
        ...planOf(),
      ],
    };
  }
  const kind = /\ban?\s+([\w_]+)\s+event\b|\bevent\s+([\w_]+)\b/.exec(text);
  if (kind)
    return {
      source: "event",
      conditions: [{ field: "kind", op: "=", value: (kind[1] ?? kind[2])! }],
    };
  return null;
}

function parseCondition(body: string, today: string, title: string): AlertCommand {
  // "check every day at 9" / "checked daily" changes how often a threshold is evaluated.
  const checkMatch = /[,;]?\s*\b(?:check(?:ed)?|evaluated?)\s+(.+)$/.exec(body);
  const schedule = checkMatch ? scheduleFromWords(checkMatch[1]!) : null;
  const text = checkMatch ? body.slice(0, checkMatch.index).trim() : body;

  const minVolume =
    /\b(?:with\s+)?(?:at least|min(?:imum)?(?: volume)?(?: of)?)\s+([\d,]+)\s*(?:[a-z ]+)?$/.exec(
      text,
    );
  const core =
    minVolume && !/^(?:is|goes|gets)?\s*at least/.test(text.slice(minVolume.index - 3))
      ? text.slice(0, minVolume.index).trim()
      : text;

  const change =
    /^(.+?)\s+(?:is\s+|goes\s+)?(drops?|falls?|declines?|is down|goes down|down|rises?|grows?|increases?|jumps?|is up|goes up|up|changes?|moves?)\s+(?:by\s+)?(?:more than\s+|over\s+|at least\s+)?([\d.]+)\s*%(?:\s+(?:vs|versus|compared (?:to|with)|from)\s+(.+))?$/.exec(
      core.replace(/\b(week|month|year)[- ]over[- ]\1\b/, "vs last $1"),
    );
  if (change) {
    const unit = /\b(week|month|year)\b/.exec(change[4] ?? "")?.[1] as
      | "week"
      | "month"
      | "year"
      | undefined;
    // "orders drop 30% vs last week" with no range of its own compares full weeks:
    // last week with the week before, never overlapping windows.
    const ownRange = timeWords.test(change[1]!);
    const metric = metricQuestion(
      change[1]!,
      today,
      unit && !ownRange ? `last ${unit}` : undefined,
    );
    if (!metric) return invalidMetric(change[1]!);
    if (metric.query.groupBy)
      throw new AlertQuestion(
        `I can watch a change of the total only, not per ${metric.query.groupBy}. Say it without "by ${metric.query.groupBy}", or watch a threshold per group ("... by ${metric.query.groupBy} above 5%").`,
      );
    const verb = change[2]!;
    const direction = /drop|fall|decline|down/.test(verb)
      ? "down"
      : /change|move/.test(verb)
        ? "either"
        : "up";
    return {
      kind: "create",
      title,
      schedule,
      definition: {
        kind: "change",
        question: metric.question,
        query: metric.query,
        direction,
        percent: Number(change[3]),
        against: unit && ownRange ? unit : "period",
        minVolume: minVolume ? number(minVolume[1]!) : 0,
      },
    };
  }

  const anomaly =
    /^(.+?)\s+(?:is|looks|goes|gets|seems)?\s*(?:unusual|anomalous|abnormal|odd|strange|out of (?:its |the )?(?:normal|usual|expected) range|outside (?:its |the )?(?:normal|usual|expected) range)\b(.*)$/.exec(
      core,
    );
  if (anomaly) {
    const metric = metricQuestion(anomaly[1]!, today);
    if (!metric) return invalidMetric(anomaly[1]!);
    const grain = /\bweek/.test(anomaly[2]!)
      ? "week"
      : /\bmonth/.test(anomaly[2]!)
        ? "month"
        : "day";
    return {
      kind: "create",
      title,
      schedule:
        schedule ?? (grain === "day" ? "0 9 * * *" : grain === "week" ? "0 9 * * 1" : "0 9 1 * *"),
      definition: { kind: "anomaly", metric: metric.query.metric, grain },
    };
  }

  for (const [pattern, comparison] of comparisons) {
    const threshold = new RegExp(
      `^(.+?)\\s+(?:is\\s+|goes\\s+|gets\\s+|rises\\s+|drops\\s+|falls\\s+|stays\\s+)?${pattern.source}\\s*(${NUMBER})\\s*(%|percent)?\\s*$`,
    ).exec(core);
    if (!threshold) continue;
    // "an order over 1k" is one order's amount, not the count of orders; so is "a deal over 10k".
    if (
      /\b(?:an?|any|each|every|one)\s+(?:new\s+|single\s+)?[\w-]*\s*(?:orders?|deals?)\b/.test(
        threshold[1]!,
      )
    )
      break;
    const metric = metricQuestion(threshold[1]!, today);
    if (!metric) {
      // "an order over 1000" names no metric: an event rule, read below.
      if (parseEvent(threshold[1]!) || parseEvent(core)) break;
      return invalidMetric(threshold[1]!);
    }
    const ratio = getMetric(metric.query.metric).formula.op === "ratio";
    return {
      kind: "create",
      title,
      schedule,
      definition: {
        kind: "threshold",
        question: metric.question,
        query: metric.query,
        comparison,
        value: number(threshold[2]!),
        // Rates over a handful of customers swing wildly: by default 30 in the denominator before a breach counts.
        minVolume: minVolume ? number(minVolume[1]!) : ratio ? 30 : 0,
      },
    };
  }

  const event = parseEvent(core);
  if (event)
    return { kind: "create", title, schedule: null, definition: { kind: "event", ...event } };
  return { kind: "invalid", message: `I could not read that alert. ${tryRules}` };
}

export { alertExamples, tryRules };

const invalidMetric = (part: string): AlertCommand => ({
  kind: "invalid",
  message: `I do not know a metric in "${part.trim()}". Try "help" to see the metrics I know.`,
});

/** A part of an alert Pulse could not read: asked back, never guessed. */
export class AlertQuestion extends PulseError {
  constructor(question: string) {
    super("query_invalid", question);
  }
}

const RULE = String.raw`(?:alert|digest)\s*#?(\d+)`;
/** A chat named in the text: Slack sends a typed #sales as <#C123|sales>. */
const CHANNEL = String.raw`(#[\w-]+)`;
/** A chat named as `#sales`: its id when the chat sent one (Slack's `<#C123|sales>`), else as typed. */
const channelOf = (mention: string, message: Utterance): string => {
  const name = mention.replace(/^#/, "");
  const named = message.channels.find(
    (c) => c.name === name || c.id?.toLowerCase() === name.toLowerCase(),
  );
  return named?.id ?? mention;
};

/**
 * The command of an alert request, read by the one reader of src/reading
 * (alerts.md); words it does not take for an alert are tried on the forms
 * only this module reads (the time zone, "edit alert 3: alert me when ...").
 * Null when the text is no alert command (then it is a question).
 */
export function readAlertCommand(
  message: Utterance | string,
  ctx: AlertContext,
): AlertCommand | Targeted | null {
  // Read with the workspace's values: a name in another script is one of them.
  const utterance =
    typeof message === "string"
      ? utter(message, { values: ctx.values, today: ctx.today })
      : utteranceOf(message);
  const request = readAlert(utterance, ctx);
  if (request === null) return parseAlertCommand(utterance, ctx.today);
  if (request.intent === "unknown")
    return {
      kind: "invalid",
      message: request.reason ?? `I could not read that alert. ${tryRules}`,
    };
  return commandOf(request, utterance.text.replace(/[.!]+$/, ""), ctx.today);
}

/** Reads an alert command; null when the text is not one (then it is a normal question). */
export function parseAlertCommand(message: Utterance | string, today: string): AlertCommand | null {
  try {
    return readCommand(utteranceOf(message), today);
  } catch (error) {
    if (error instanceof PulseError) return { kind: "invalid", message: error.message };
    throw error;
  }
}

function readCommand(message: Utterance, today: string): AlertCommand | null {
  const raw = message.text;
  const text = message.lower.replace(/[.!?]+$/, "");
  if (
    /^(?:list|show|my|all)?\s*(?:the\s+)?alerts(?: list)?$|^(?:list|show)(?: my| all)? (?:alerts|digests)$|^what alerts/.test(
      text,
    )
  )
    return { kind: "list" };
  const zone =
    /^(?:please\s+)?(?:set|change|switch|move|update)\s+(?:the\s+|our\s+)?(?:workspace(?:'s)?\s+)?time[- ]?zone\s+(?:to\s+)?([a-z][\w+\-/]*)(?:,?\s+(?:and\s+)?(move|keep)\s+(?:the\s+|my\s+|our\s+|all\s+)?(?:alerts|rules)\b.*)?$/.exec(
      text,
    );
  if (zone)
    return {
      kind: "zone",
      zone: zone[1]!,
      choice: zone[2] === "move" ? "move" : zone[2] === "keep" ? "keep" : "ask",
    };
  const history =
    /^(?:show\s+)?(?:the\s+)?(?:alert|digest) history(?: (?:of|for) (?:alert|digest))?\s*#?(\d+)?$|^(?:show\s+)?(?:the\s+)?history of (?:alert|digest)\s*#?(\d+)$/.exec(
      text,
    );
  if (history) {
    const id = history[1] ?? history[2];
    return { kind: "history", id: id ? Number(id) : null };
  }
  const test = new RegExp(
    String.raw`^(?:please\s+)?(?:send|post|do|run)?\s*(?:me\s+)?(?:a\s+)?test(?:\s+of)?\s+(?:the\s+)?${RULE}$|^test\s+${RULE}$`,
  ).exec(text);
  if (test) return { kind: "test", id: Number(test[1] ?? test[2]) };
  const run = new RegExp(String.raw`^(?:run|check|fire)\s+(?:the\s+)?${RULE}(?:\s+now)?$`).exec(
    text,
  );
  if (run) return { kind: "run", id: Number(run[1]) };
  const edit = new RegExp(
    String.raw`^(?:edit|change|update|move|set)\s+(?:the\s+)?${RULE}\s*(?::|to|so (?:that )?it|-)?\s*(.+)$`,
  ).exec(text);
  if (edit) return readEdit(Number(edit[1]), edit[2]!, message, today);
  const manage =
    /^(pause|stop|disable|resume|unpause|enable|restart|delete|remove|cancel|mute|unmute|snooze)\s+(?:the\s+)?(?:alert|digest)\s*#?(\d+)(.*)$/.exec(
      text,
    );
  if (manage) {
    const id = Number(manage[2]);
    const verb = manage[1]!;
    const span = /\bfor\s+(an?|\d+)\s*(minute|hour|day|week)s?\b/.exec(manage[3]!);
    // "mute alert 2 for a week" is a snooze of a week; "mute alert 2" stays quiet until resumed.
    if (verb === "snooze" || (verb === "mute" && span)) {
      const n = span ? (/^an?$/.test(span[1]!) ? 1 : Number(span[1])) : 1;
      return { kind: "snooze", id, span: { minutes: n * (span ? units[span[2]!]! : 1440) } };
    }
    if (/pause|stop|disable/.test(verb)) return { kind: "pause", id };
    if (/resume|unpause|enable|restart|unmute/.test(verb)) return { kind: "resume", id };
    if (verb === "mute") return { kind: "mute", id };
    return { kind: "delete", id };
  }
  const original = raw
    .trim()
    .replace(/\s+/g, " ")
    .replace(/[.!]+$/, "");
  const who = `(?:me|us|the team|this channel|here|${CHANNEL})`;
  const about = new RegExp(
    String.raw`^(?:please\s+)?(?:alert|notify|ping|warn|tell|let ${who} know)(?: ${who})? (?:about|on|of) (.+)$`,
  ).exec(text);
  if (about)
    throw new AlertQuestion(
      `What should I watch ${about.at(-1)} for? Say for example "alert me when ${about.at(-1)} goes above 5%" or "alert me when ${about.at(-1)} drops more than 20% vs last month".`,
    );
  const alert = new RegExp(
    String.raw`^(?:please\s+)?(?:alert|notify|ping|warn|message|tell|let ${who} know)(?: ${who})?(?: know)?\s+(?:when(?:ever)?|if|as soon as|once)\s+(.+)$`,
  ).exec(text);
  if (alert) {
    const mention = [alert[1], alert[2]].find((m) => m !== undefined);
    const command = parseCondition(alert[3]!, today, original);
    // "tell me when churn was highest" is a question: "tell me" and "let me know" set up
    // an alert only when a condition reads as one; "alert" and "notify" always mean one.
    if (command.kind === "invalid" && /^(?:please\s+)?(?:tell|let)\b/.test(text)) return null;
    return command.kind === "create" && mention
      ? { ...command, target: channelOf(mention, message) }
      : command;
  }
  const digest =
    /^(?:(?:please\s+)?(?:send|post)(?: (?:me|us))?\s+(.+?)\s+)?((?:every|each)\s+[a-z]+(?:\s+(?:on the \d+(?:st|nd|rd|th)?))?(?:\s+at\s+\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)?|(?:daily|weekly|monthly)(?:\s+at\s+\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)?)(?:[,:]?\s+(?:send|post|show|give)(?: (?:me|us))?\s+(.+))?$/.exec(
      text,
    );
  if (digest && (digest[1] || digest[3])) {
    const schedule = scheduleFromWords(digest[2]!);
    if (!schedule)
      return { kind: "invalid", message: `I could not read the schedule "${digest[2]}".` };
    const list = (digest[3] ?? digest[1])!;
    const questions = list
      .split(/\s*(?:,|;|\band\b)\s*/)
      .map((q) => q.trim())
      .filter(Boolean);
    const unread = questions.filter((q) => !answerable(q, today));
    if (unread.length > 0)
      return {
        kind: "invalid",
        message: `I cannot send ${unread.map((q) => `"${q}"`).join(", ")} in a digest: only metrics and forecasts answered as asked go in one (${unread.map((q) => `"${q}" reads as ${readAs(q, today)}`).join("; ")}). Ask it on its own to see how I read it.`,
      };
    return { kind: "create", title: original, schedule, definition: { kind: "digest", questions } };
  }
  return null;
}

/** Ranking words the metric answer would drop: "top customers by revenue" is not a count of customers. */
const ranking = /\b(?:top|bottom|best|worst|biggest|largest|smallest|highest|lowest|most|least)\b/;

/** Whether a digest question is answered as asked (a metric or forecast, nothing dropped). */
function answerable(question: string, today: string): boolean {
  const { query } = understand(question, today);
  if (query.intent !== "metric" && query.intent !== "forecast") return false;
  if (query.unused.length > 0) return false;
  return !(ranking.test(question) && (query.intent !== "metric" || query.rank === null));
}

const readAs = (question: string, today: string): string => {
  const { query } = understand(question, today);
  if (query.intent === "list") return `a list of ${query.entity}`;
  const metric = metricOf(query);
  return metric ? getMetric(metric).label : "nothing I can answer";
};

/** "edit alert 3: above 7%", "change alert 3 to Fridays at 8", "edit alert 3: alert me when ...". */
function readEdit(id: number, rest: string, message: Utterance, today: string): AlertCommand {
  const value = new RegExp(
    String.raw`^(?:fire\s+)?(?:when\s+)?(?:it(?:'s| is| goes)?\s+)?(above|over|more than|below|under|less than|at least|at most)\s*(${NUMBER})\s*(?:%|percent)?$`,
  ).exec(rest);
  if (value) {
    const comparison = comparisons.find(([pattern]) => pattern.test(value[1]!))![1];
    return { kind: "retune", id, comparison, value: number(value[2]!) };
  }
  if (
    /^(?:every|each|on|daily|weekly|monthly|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekdays?|at\s+\d|hourly|cron)\b/.test(
      rest,
    )
  ) {
    const schedule = scheduleFromWords(rest);
    if (!schedule) throw new AlertQuestion(`I could not read the schedule "${rest}".`);
    return { kind: "reschedule", id, schedule };
  }
  const words = message.text.replace(/^[^:]*:\s*/, "");
  const rule = readCommand(
    utter(
      /^(?:alert|notify|tell|ping|every|each|daily|weekly|monthly|send|post)\b/i.test(words)
        ? words
        : `alert me when ${words}`,
    ),
    today,
  );
  if (rule?.kind === "create") return { kind: "redefine", id, rule };
  if (rule?.kind === "invalid") return rule;
  throw new AlertQuestion(
    `What should alert ${id} become? Say for example "edit alert ${id}: above 7%" or "change alert ${id} to Fridays at 8".`,
  );
}
