/**
 * The metric part of an alert, read by the question reader itself: "weekly
 * signups" in "if weekly signups fall under 50" is the query the question
 * "signups last 1 week" gives, with its window. When the words name no
 * range the rule watches the last 30 days. What the question reader would
 * not answer (a word it does not know, a list, a ranking) is not watched
 * either: its reason is the alert's.
 */
import { getMetric } from "../../metrics/registry.js";
import type { MetricId } from "../../metrics/types.js";
import { understand } from "../../questions/pipeline.js";
import { findTime, NUMBER, toNumber } from "../../questions/time-expressions.js";
import type { WorkspaceValues } from "../../questions/workspace-values.js";
import { plainText } from "../plain.js";
import type { WatchedQuery, WatchWindow } from "../request.js";
import { utter } from "../utterance.js";

/** The window the words of a metric part name, or null when they name none. */
function windowOf(text: string): { window: WatchWindow; words: string } | null {
  let m = new RegExp(
    String.raw`\b(?:in\s+)?(?:the\s+)?(?:last|past|previous|trailing|rolling)\s+(${NUMBER})\s+(day|week|month|quarter|year)s?\b`,
  ).exec(text);
  if (m) {
    const n = toNumber(m[1]!);
    const unit = m[2]!;
    const window: WatchWindow =
      unit === "quarter"
        ? { last: n * 3, unit: "month" }
        : unit === "year"
          ? { last: n * 12, unit: "month" }
          : { last: n, unit: unit as "day" | "week" | "month" };
    return { window, words: m[0] };
  }
  m = /\b(?:in\s+)?(?:the\s+)?(?:last|past)\s+24\s+hours\b/.exec(text);
  if (m) return { window: { last: 1, unit: "day" }, words: "last 1 day" };
  m =
    /\b(?:this|current)\s+(week|month|quarter|year)\b|\b(week|month|quarter|year)[- ]to[- ]date\b|\b(w|m|q|y)td\b/.exec(
      text,
    );
  if (m) {
    const unit =
      m[1] ??
      m[2] ??
      { w: "week", m: "month", q: "quarter", y: "year" }[m[3] as "w" | "m" | "q" | "y"];
    return { window: { period: `this_${unit}` as "this_week" }, words: m[0] };
  }
  m = /\b(?:last|previous|past|prior)\s+(week|month|quarter|year)\b/.exec(text);
  if (m) return { window: { period: `last_${m[1]}` as "last_week" }, words: m[0] };
  m = /\b(today|yesterday)\b/.exec(text);
  if (m) return { window: { period: m[1] as "today" }, words: m[0] };
  return null;
}

/** "weekly signups", "signups per week", "10 orders a day": the last one of that unit. */
const perUnit =
  /\b(daily|weekly|monthly)\b|\b(?:a|per|each|in a|in one|every)\s+(day|week|month)\b/;

export type Watched =
  | { query: WatchedQuery; unit: "count" | "percent" | "money" | "score" }
  | {
      problem: string;
      suggestions: string[];
    };

/**
 * The query of a metric part. `fallback` is the window when the words name
 * none (a change compared "with last week" watches the last week).
 */
export function watched(
  words: string,
  today: string,
  values: WorkspaceValues,
  fallback: { words: string; window: WatchWindow } = {
    words: "last 30 days",
    window: { last: 30, unit: "day" },
  },
): Watched {
  let text = ` ${words} `;
  let window: WatchWindow | null = null;
  const adjective = perUnit.exec(text);
  if (adjective) {
    const unit =
      (
        { daily: "day", weekly: "week", monthly: "month" } as Record<
          string,
          "day" | "week" | "month"
        >
      )[adjective[1] ?? ""] ?? (adjective[2] as "day" | "week" | "month");
    window = { last: 1, unit };
    text = `${text.slice(0, adjective.index)} ${text.slice(adjective.index + adjective[0].length)} last 1 ${unit}`;
  }
  const named = window ? null : windowOf(text);
  if (named) window = named.window;
  // "in March", "since June": dates the words named, kept as they are.
  if (!window && findTime(plainText(text), today)) window = { period: "fixed" };
  if (!window) {
    window = fallback.window;
    text = `${text} ${fallback.words}`;
  }
  const { query } = understand(utter(text.replace(/\s+/g, " ").trim()), today, values);
  if (query.intent === "unknown")
    return {
      problem:
        query.reason ??
        `I do not know a metric in "${words.trim()}". Say "help" to see the metrics I know.`,
      suggestions: query.suggestions,
    };
  if (query.intent !== "metric" || query.metrics.length > 1 || query.rank || query.compare)
    return {
      problem: `I can watch one number, and "${words.trim()}" reads as ${
        query.intent === "list"
          ? `a list of ${query.entity}`
          : query.intent === "metric" && query.metrics.length > 1
            ? "several numbers: make one alert for each"
            : query.intent === "metric" && query.rank
              ? "a ranking"
              : "another question"
      }.`,
      suggestions: [],
    };
  const metric: MetricId = query.metrics[0];
  const range = query.range;
  return {
    query: {
      metric,
      filters: [...query.filters],
      groupBy: query.groupBy,
      from: range.from,
      to: range.to,
      window,
    },
    unit: getMetric(metric).unit,
  };
}

/** The window a digest's words name, or null (exported for digests, which name several metrics). */
export const namedWindow = (text: string): WatchWindow | null =>
  windowOf(` ${text} `)?.window ?? null;
