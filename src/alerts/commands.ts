/**
 * Alert commands typed in a chat, read before normal question parsing:
 * "alert me when churn goes above 5%", "every Monday at 9 send revenue last
 * week and NPS", "list alerts", "pause alert 3", "resume alert 3", "delete
 * alert 3", "snooze alert 3 for 2 hours", "mute alert 3". Metric names are
 * the vocabulary of src/questions: a question part is valid when the
 * question parser reads a metric in it.
 */
import { getMetric } from "../metrics/registry.js";
import { parseQuestion } from "../questions/pipeline.js";
import { scheduleFromWords } from "./schedule.js";
import type { Comparison, EventCondition, EventSource, RuleDefinition } from "./types.js";

export type AlertCommand =
  | { kind: "list" }
  | { kind: "pause" | "resume" | "delete" | "mute"; id: number }
  | { kind: "snooze"; id: number; minutes: number }
  | { kind: "create"; title: string; definition: RuleDefinition; schedule: string | null }
  /** Recognisably an alert command, but not one Pulse can set up; the text says why. */
  | { kind: "invalid"; message: string };

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
  /\b(?:last|this|past|previous|today|yesterday|week|month|quarter|year|days?|since|in (?:19|20)\d\d|ytd|mtd)\b/;

/** The metric part as a question the parser reads, with a range when it names none. */
function metricQuestion(part: string, today: string): { question: string; label: string } | null {
  const text = part.trim().replace(/\s+/g, " ");
  const question = timeWords.test(text) ? text : `${text} last 30 days`;
  const interpretation = parseQuestion(question, today);
  if (interpretation.intent !== "metric" || !interpretation.metric) return null;
  return { question, label: getMetric(interpretation.metric).label };
}

const number = (text: string): number => Number(text.replace(/[,\s]/g, ""));

function parseEvent(text: string): { source: EventSource; conditions: EventCondition[] } | null {
  if (/\bdetractors?\b/.test(text))
    return { source: "event", conditions: [{ field: "kind", op: "=", value: "survey_detractor" }] };
  const order =
    /\borders?\b(?:.*?\b(?:over|above|more than|greater than|of more than|>|bigger than|larger than)\s*[$€£]?\s*([\d][\d,]*(?:\.\d+)?))?/.exec(
      text,
    );
  if (order && !/\b(?:count|number of|orders per|aov|average order)\b/.test(text))
    return {
      source: "order",
      conditions: order[1] ? [{ field: "amount", op: ">", value: number(order[1]) }] : [],
    };
  const planOf = (): EventCondition[] => {
    const before = /\b([\w-]+)\s+plan\b/.exec(text)?.[1];
    const name =
      /\bplan\s+(?!is\b|churns?\b)([\w-]+)/.exec(text)?.[1] ??
      (before && !["on", "of", "the", "a", "any", "with", "their"].includes(before)
        ? before
        : undefined);
    if (name) return [{ field: "plan", op: "=", value: name }];
    const adjective = /\b(?:an?|any)\s+([\w-]+)\s+customer/.exec(text)?.[1];
    return adjective && !["new", "big", "single"].includes(adjective)
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
      core,
    );
  if (change) {
    const metric = metricQuestion(change[1]!, today);
    if (!metric) return invalidMetric(change[1]!);
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
        direction,
        percent: Number(change[3]),
        against: /\bweek/.test(change[4] ?? "")
          ? "week"
          : /\bmonth/.test(change[4] ?? "")
            ? "month"
            : /\byear/.test(change[4] ?? "")
              ? "year"
              : "period",
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
    const interpretation = parseQuestion(metric.question, today);
    return {
      kind: "create",
      title,
      schedule:
        schedule ?? (grain === "day" ? "0 9 * * *" : grain === "week" ? "0 9 * * 1" : "0 9 1 * *"),
      definition: { kind: "anomaly", metric: interpretation.metric!, grain },
    };
  }

  for (const [pattern, comparison] of comparisons) {
    const threshold = new RegExp(
      `^(.+?)\\s+(?:is\\s+|goes\\s+|gets\\s+|rises\\s+|drops\\s+|falls\\s+|stays\\s+)?${pattern.source}\\s*[$€£]?\\s*(-?[\\d,]*\\.?\\d+)\\s*(%|percent)?\\s*$`,
    ).exec(core);
    if (!threshold) continue;
    const metric = metricQuestion(threshold[1]!, today);
    if (!metric) {
      // "an order over 1000" names no metric: an event rule, read below.
      if (parseEvent(threshold[1]!) || parseEvent(core)) break;
      return invalidMetric(threshold[1]!);
    }
    const ratio = getMetric(parseQuestion(metric.question, today).metric!).formula.op === "ratio";
    return {
      kind: "create",
      title,
      schedule,
      definition: {
        kind: "threshold",
        question: metric.question,
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
  return {
    kind: "invalid",
    message:
      'I could not read that alert. Try "alert me when churn goes above 5%", "alert me when revenue this week drops more than 20% vs last week", "alert me when revenue is unusual", "alert me when an order over 1000 comes in" or "every Monday at 9 send revenue last week and NPS".',
  };
}

const invalidMetric = (part: string): AlertCommand => ({
  kind: "invalid",
  message: `I do not know a metric in "${part.trim()}". Try "help" to see the metrics I know.`,
});

/** Reads an alert command; null when the text is not one (then it is a normal question). */
export function parseAlertCommand(raw: string, today: string): AlertCommand | null {
  const text = raw
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, "")
    .replace(/\s+/g, " ");
  if (
    /^(?:list|show|my|all)?\s*(?:the\s+)?alerts(?: list)?$|^(?:list|show)(?: my| all)? (?:alerts|digests)$|^what alerts/.test(
      text,
    )
  )
    return { kind: "list" };
  const manage =
    /^(pause|stop|disable|resume|unpause|enable|restart|delete|remove|cancel|mute|unmute|snooze)\s+(?:the\s+)?(?:alert|digest)\s*#?(\d+)(.*)$/.exec(
      text,
    );
  if (manage) {
    const id = Number(manage[2]);
    const verb = manage[1]!;
    if (verb === "snooze") {
      const span = /\bfor\s+(an?|\d+)\s*(minute|hour|day|week)s?\b/.exec(manage[3]!);
      const n = span ? (/^an?$/.test(span[1]!) ? 1 : Number(span[1])) : 1;
      return { kind: "snooze", id, minutes: n * (span ? units[span[2]!]! : 1440) };
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
  const alert =
    /^(?:please\s+)?(?:alert|notify|ping|warn|message)(?: (?:me|us|the team|this channel|here))?\s+(?:when(?:ever)?|if|as soon as)\s+(.+)$/.exec(
      text,
    );
  if (alert) return parseCondition(alert[1]!, today, original);
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
    const unknown = questions.filter((q) => {
      const i = parseQuestion(q, today);
      return i.intent !== "metric" && i.intent !== "forecast";
    });
    if (unknown.length > 0)
      return {
        kind: "invalid",
        message: `I cannot answer ${unknown.map((q) => `"${q}"`).join(", ")} in a digest. Ask it on its own to see how I read it.`,
      };
    return { kind: "create", title: original, schedule, definition: { kind: "digest", questions } };
  }
  return null;
}
