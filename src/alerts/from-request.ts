/**
 * An alert request (alerts.md, read by src/reading) as the command the chat
 * runs and the rule it stores: the reader's typed query becomes the rule's
 * query, its schedule a cron pattern in the zone the words named, its
 * window the window the range means. Rules named by words or "all" are the
 * chat's to resolve against its rules (`targetOf`).
 */
import { getMetric } from "../metrics/registry.js";
import type {
  AlertRequest,
  RuleSpec,
  RuleTarget,
  ScheduleSpec,
  WatchedQuery,
} from "../reading/request.js";
import type { AlertCommand, NewRuleWords } from "./commands.js";
import type { AlertQuery, Comparison, RuleDefinition } from "./types.js";
import { windowOf } from "./window.js";

const weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** A schedule as a cron pattern; null when it is the rule's default. */
export function cronOf(schedule: Partial<ScheduleSpec>, fallbackAt = "09:00"): string {
  const [hour, minute] = (schedule.at ?? fallbackAt).split(":").map(Number) as [number, number];
  switch (schedule.every) {
    case "hour":
      return `${schedule.at ? minute : 0} * * * *`;
    case "weekday":
      return `${minute} ${hour} * * 1-5`;
    case "week":
      return `${minute} ${hour} * * ${(schedule.days ?? ["mon"]).map((d) => weekdays.indexOf(d)).join(",")}`;
    case "month":
      return `${minute} ${hour} ${typeof schedule.monthDay === "number" ? schedule.monthDay : 1} * *`;
    default:
      return `${minute} ${hour} * * *`;
  }
}

/** The words of a window, as a question says them (the answer under an alert is asked with them). */
function windowWords(query: WatchedQuery): string {
  const w = query.window;
  if ("last" in w) return `last ${w.last} ${w.unit}${w.last === 1 ? "" : "s"}`;
  if (w.period === "fixed") return `from ${query.from} to ${query.to}`;
  return w.period.replace("_", " ");
}

/** A query in words the question reader gives back as the same query. */
export function questionOf(query: WatchedQuery): string {
  const filters = query.filters.map(
    (f) =>
      `${f.op === "not_in" ? "excluding " : ""}${f.dimension.replace("_", " ")} ${f.values.join(" and ")}`,
  );
  return [
    getMetric(query.metric).label,
    ...filters,
    query.groupBy ? `by ${query.groupBy.replace("_", " ")}` : "",
    windowWords(query),
  ]
    .filter(Boolean)
    .join(" ");
}

const alertQueryOf = (query: WatchedQuery, today: string): AlertQuery => ({
  metric: query.metric,
  filters: [...query.filters],
  groupBy: query.groupBy,
  window: windowOf({ from: query.from, to: query.to }, today),
});

/**
 * The period a change is compared with: a period still running ("revenue this
 * week", Monday to today) against the same days of the one before, else the
 * period just before of the window's length (questions.md `previous_period`).
 */
function againstOf(window: WatchedQuery["window"]): "week" | "month" | "year" | "period" {
  if (!("period" in window)) return "period";
  const running = { this_week: "week", this_month: "month", this_year: "year" } as const;
  return running[window.period as keyof typeof running] ?? "period";
}

/** A rule's definition; a string says why the rule cannot be stored. */
function definitionOf(rule: RuleSpec, today: string): RuleDefinition | string {
  const query = rule.query;
  switch (rule.kind) {
    case "threshold":
      return {
        kind: "threshold",
        question: questionOf(query!),
        query: alertQueryOf(query!, today),
        comparison: rule.op === "below" ? "<" : ">",
        value: rule.value!,
        // Rates over a handful of customers swing wildly: 30 in the denominator before a breach counts.
        minVolume: rule.minVolume ?? (getMetric(query!.metric).formula.op === "ratio" ? 30 : 0),
      };
    case "change":
      if (rule.percent === null)
        return 'I can watch a change in percent, not yet in points: say it in percent ("rises more than 20%").';
      return {
        kind: "change",
        question: questionOf(query!),
        query: alertQueryOf(query!, today),
        direction: rule.op === "drop" ? "down" : rule.op === "rise" ? "up" : "either",
        percent: rule.percent,
        against: rule.compare === "previous_year" ? "year" : againstOf(query!.window),
        minVolume: rule.minVolume ?? 0,
      };
    case "anomaly":
      return { kind: "anomaly", metric: query!.metric, grain: "day" };
    case "digest":
      return { kind: "digest", questions: rule.queries!.map(questionOf) };
    case "event":
      return eventDefinition(rule);
    default:
      return "I could not read what the rule watches.";
  }
}

function eventDefinition(rule: RuleSpec): RuleDefinition | string {
  const event = rule.event!;
  const conditions: { field: string; op: "=" | ">"; value: string | number }[] = [];
  for (const f of event.filters) {
    if (f.op !== "in" || f.values.length !== 1 || f.dimension === "stage")
      return `I can narrow an event rule by one value of each field, not by ${f.dimension} ${f.op === "in" ? "" : "not "}in ${f.values.join(", ")}: make one rule for each.`;
    conditions.push({ field: f.dimension, op: "=", value: f.values[0]! });
  }
  if (event.minAmount !== null)
    conditions.push({ field: "amount", op: ">", value: event.minAmount });
  switch (event.on) {
    case "order":
      return { kind: "event", source: "order", conditions };
    case "signup":
      return { kind: "event", source: "signup", conditions };
    case "churn":
      return { kind: "event", source: "churn", conditions };
    case "deal_new":
      return {
        kind: "event",
        source: "deal",
        conditions: [{ field: "is_new", op: "=", value: "true" }, ...conditions],
      };
    case "deal_stage":
      if (event.stage === null)
        return "I can watch one stage in a rule: make one rule for each stage.";
      return {
        kind: "event",
        source: "deal",
        conditions: [{ field: "stage", op: "=", value: event.stage }, ...conditions],
      };
    case "detractor":
      return {
        kind: "event",
        source: "event",
        conditions: [{ field: "kind", op: "=", value: "survey_detractor" }],
      };
  }
}

/** The default check of each kind: anomalies daily at 9, others hourly (rules.ts), events on arrival. */
function scheduleOf(rule: RuleSpec): string | null {
  if (rule.schedule) return cronOf(rule.schedule);
  return rule.kind === "anomaly" ? "0 9 * * *" : null;
}

/** A command about one rule, for each rule the target names. */
export interface Targeted {
  target: RuleTarget;
  command: (id: number) => AlertCommand;
}

/** The command of an alert request; `title` is the words as typed. */
export function commandOf(
  request: AlertRequest,
  title: string,
  today: string,
): AlertCommand | Targeted {
  const invalid = (message: string): AlertCommand => ({ kind: "invalid", message });
  switch (request.action) {
    case "list":
      return { kind: "list" };
    case "create": {
      // Cron has no "first business day": stored as the 1st, it would be another rule.
      if (request.rule!.schedule?.monthDay === "first_business_day")
        return invalid(
          'I cannot send on the first business day of a month yet: say "on the 1st" or "every month on the 2nd".',
        );
      const definition = definitionOf(request.rule!, today);
      if (typeof definition === "string") return invalid(definition);
      const words: NewRuleWords = {
        title,
        definition,
        schedule: scheduleOf(request.rule!),
        timezone: request.rule!.schedule?.timezone ?? null,
        ...(request.channel ? { target: request.channel } : {}),
      };
      return { kind: "create", ...words };
    }
    case "history":
      return "ids" in request.target! && request.target.ids.length === 1
        ? { kind: "history", id: request.target.ids[0]! }
        : "all" in request.target!
          ? { kind: "history", id: null }
          : { target: request.target!, command: (id) => ({ kind: "history", id }) };
    case "mute":
    case "pause": {
      const until = request.until ? Date.parse(request.until) : null;
      const action = request.action;
      return {
        target: request.target!,
        command: (id) =>
          until !== null
            ? { kind: "snooze", id, span: { until: new Date(until) } }
            : { kind: action, id },
      };
    }
    case "resume":
    case "delete":
    case "test":
    case "run": {
      const action = request.action;
      return { target: request.target!, command: (id) => ({ kind: action, id }) };
    }
    case "edit": {
      const rule = request.rule;
      if (request.channel)
        return invalid(
          `An alert keeps the chat it posts to: delete it and make it again in ${request.channel}.`,
        );
      if (rule?.schedule) {
        const schedule = rule.schedule;
        const every = schedule.every ? cronOf(schedule) : null;
        return {
          target: request.target!,
          command: (id): AlertCommand =>
            every
              ? { kind: "reschedule", id, schedule: every }
              : { kind: "retime", id, at: schedule.at! },
        };
      }
      if (rule?.value !== null && rule?.value !== undefined) {
        const value = rule.value;
        const comparison: Comparison | null =
          rule.op === "below" ? "<" : rule.op === "above" ? ">" : null;
        return {
          target: request.target!,
          command: (id) => ({ kind: "retune", id, comparison, value }),
        };
      }
      return invalid('What should change? Say for example "change the churn alert to 6%".');
    }
  }
}
