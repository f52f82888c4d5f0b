/**
 * The one request a message asks for: a question (the typed Query of
 * src/questions: metric, list, explain, forecast, insight, help, unknown), a
 * survey report, or an alert command of ../shared/spec/alerts.md. Readers
 * produce it (readers.ts); adapters, `pulse parse`, alerts and the assistant
 * consume it. `requestJson` is the JSON of questions.md and alerts.md.
 *
 * A leaf: it imports types only, and the flattening of queries.
 */
import type { Compare, DimensionId, Filter, MetricId } from "../metrics/types.js";
import {
  type AlertAsk,
  interpretationOf,
  type Query,
  type Said,
  type UnknownAsk,
} from "../questions/query.js";
import type { Interpretation } from "../questions/types.js";

/** What a rule watches: the query a question with the same words gives (questions.md), and its window. */
export interface WatchedQuery {
  metric: MetricId;
  filters: Filter[];
  groupBy: DimensionId | null;
  /** The range as first read (questions.md), half-open YYYY-MM-DD. */
  from: string;
  to: string;
  /** What the range means as the rule moves on: the last N units, or a named period. */
  window: WatchWindow;
}

export type WatchWindow =
  | { last: number; unit: "day" | "week" | "month" }
  | {
      period:
        | "this_week"
        | "this_month"
        | "this_quarter"
        | "this_year"
        | "last_week"
        | "last_month"
        | "last_quarter"
        | "last_year"
        | "today"
        | "yesterday"
        | "fixed";
    };

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/** When a rule is checked or a digest sent; every field present, null where the words said nothing. */
export interface ScheduleSpec {
  every: "hour" | "day" | "weekday" | "week" | "month" | null;
  days: Weekday[] | null;
  monthDay: number | "first_business_day" | null;
  /** "HH:MM", 24-hour. */
  at: string | null;
  /** The IANA zone the words named ("helsinki time"), else null. */
  timezone: string | null;
}

export type EventOn = "order" | "signup" | "churn" | "deal_stage" | "deal_new" | "detractor";

export interface EventSpec {
  on: EventOn;
  minAmount: number | null;
  stage: string | null;
  filters: Filter[];
}

export type RuleKind = "threshold" | "change" | "anomaly" | "digest" | "event";

/** A rule as the words give it; for `edit`, only what changes is non-null. */
export interface RuleSpec {
  kind: RuleKind | null;
  query: WatchedQuery | null;
  queries: WatchedQuery[] | null;
  op: "above" | "below" | "rise" | "drop" | "any" | null;
  value: number | null;
  percent: number | null;
  points: number | null;
  compare: Compare | "last_week" | "last_month" | null;
  schedule: Partial<ScheduleSpec> | null;
  event: EventSpec | null;
  /**
   * "with at least 30 customers": the volume a rate needs before a breach
   * counts. Kept for the stored rule; no part of alerts.md's JSON.
   */
  minVolume?: number;
}

export type AlertAction =
  | "create"
  | "edit"
  | "pause"
  | "resume"
  | "delete"
  | "list"
  | "mute"
  | "test"
  | "run"
  | "history";

export type RuleTarget = { ids: number[] } | { all: true } | { words: string };

/** An alert command (alerts.md): every field always present, null where it does not apply. */
export interface AlertRequest extends Said {
  intent: "alert";
  action: AlertAction;
  target: RuleTarget | null;
  rule: RuleSpec | null;
  /** `mute`/`pause` for a while: an ISO instant, or null (until resumed). */
  until: string | null;
  /** The chat it posts to when another is named (`#sales` or a Slack id); null = this chat. */
  channel: string | null;
}

/** "how did the November NPS campaign go?": a campaign's report; `campaign` is its name as written, null when none was. */
export interface SurveyReportAsk extends Said {
  intent: "survey_report";
  campaign: string | null;
}

/** Everything a message can ask for. */
export type Request = Exclude<Query, AlertAsk> | AlertRequest | SurveyReportAsk;

export type RequestIntent = Request["intent"];

export const isAlert = (request: Request): request is AlertRequest => request.intent === "alert";

/** An unknown request: the reason is the sentence the asker is shown. */
export const refusal = (
  reason: string,
  suggestions: string[],
  unused: string[] = [],
): UnknownAsk => ({
  intent: "unknown",
  reason,
  suggestions,
  unused,
});

export type AlertJson = Omit<AlertRequest, "unused">;
export type SurveyReportJson = Omit<SurveyReportAsk, "unused">;

/** The JSON of a request: questions.md's interpretation, or alerts.md's for alert commands. */
export function requestJson(
  request: Request,
): Interpretation | AlertJson | SurveyReportJson | (Interpretation & { reason: string | null }) {
  switch (request.intent) {
    case "alert": {
      const { action, target, rule, until, channel } = request;
      const said = rule ? (({ minVolume: _, ...rest }) => rest)(rule) : null;
      return { intent: "alert", action, target, rule: said, until, channel };
    }
    case "survey_report":
      return { intent: "survey_report", campaign: request.campaign };
    case "unknown":
      return { ...interpretationOf(request), reason: request.reason };
    default:
      return interpretationOf(request);
  }
}
