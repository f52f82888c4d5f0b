/**
 * The data of alerts: what each kind of rule watches, where it delivers, and
 * the message a firing sends. The port AlertSender is what a chat adapter
 * implements to deliver (bots/slack/alert-sender.ts, bots/telegram/alert-sender.ts).
 */
import type { ChartImage, Reply } from "../assistant/types.js";
import type { DimensionId, Filter, MetricId } from "../metrics/types.js";
import type { Window } from "./window.js";

export type AlertPlatform = "slack" | "telegram";
export type AlertKind = "digest" | "threshold" | "change" | "anomaly" | "event";
export type Comparison = ">" | ">=" | "<" | "<=";

/** Questions in the words of src/questions, answered like a normal question when the digest fires. */
export interface DigestDefinition {
  kind: "digest";
  questions: string[];
}

/**
 * What a threshold or change rule watches, as the question pipeline read it
 * when the rule was made: what was confirmed is what is checked, never the
 * words read again.
 */
export interface AlertQuery {
  metric: MetricId;
  filters: Filter[];
  /** Per group: the rule fires for each group that breaches ("churn rate by plan above 5%"). */
  groupBy: DimensionId | null;
  window: Window;
}

/** "churn_rate over the last 30 days > 5%". */
export interface ThresholdDefinition {
  kind: "threshold";
  /** The metric part in words, asked as a question for the answer under the alert. */
  question: string;
  /** Absent on rules made before typed queries: those read `question` at each check. */
  query?: AlertQuery;
  comparison: Comparison;
  /** In the metric's own unit: 5 for 5% (percent metrics are stored in percent). */
  value: number;
  /** The ratio's denominator (or the count) must reach this before a breach counts. */
  minVolume: number;
}

/** "revenue this week down more than 20% vs last week". */
export interface ChangeDefinition {
  kind: "change";
  question: string;
  query?: AlertQuery;
  direction: "up" | "down" | "either";
  /** Percent, e.g. 20. */
  percent: number;
  /** Compared with the same range a week, month or year earlier, or with the period just before. */
  against: "week" | "month" | "year" | "period";
  minVolume: number;
}

/** The latest complete period outside the range its history predicts. */
export interface AnomalyDefinition {
  kind: "anomaly";
  metric: MetricId;
  grain: "day" | "week" | "month";
}

export type EventSource = "order" | "signup" | "churn" | "deal" | "event";

export interface EventCondition {
  /** A column of the row (amount, plan, channel, kind, ...). */
  field: string;
  op: "=" | ">" | ">=" | "<" | "<=";
  value: string | number;
}

/** A new row matching every condition: "an order over 1,000", "a deal is won", "a detractor answers a survey". */
export interface EventDefinition {
  kind: "event";
  source: EventSource;
  conditions: EventCondition[];
}

export type RuleDefinition =
  | DigestDefinition
  | ThresholdDefinition
  | ChangeDefinition
  | AnomalyDefinition
  | EventDefinition;

/** A stored definition this version cannot read: the rule is kept, listed as needing an edit, and not checked. */
export interface UnreadableDefinition {
  kind: "unreadable";
  /** What does not fit, for the log and the list. */
  problem: string;
}

/** A rule's definition as read back (src/alerts/stored-definition.ts). */
export type StoredDefinition = RuleDefinition | UnreadableDefinition;

export interface AlertTarget {
  platform: AlertPlatform;
  chatId: string;
}

export interface AlertRule {
  id: number;
  workspaceId: string;
  kind: AlertKind;
  title: string;
  definition: StoredDefinition;
  schedule: string | null;
  timezone: string;
  platform: AlertPlatform;
  chatId: string;
  ownerId: string;
  status: "active" | "paused";
  /** Set when Pulse paused the rule itself because it cannot be delivered: why, and the fix. */
  blockedReason: string | null;
  snoozedUntil: Date | null;
  nextRunAt: Date | null;
  inEpisode: boolean;
  episodeStartedAt: Date | null;
  /** Per-group threshold rules: the groups in a breach, sorted; each group is an episode of its own. */
  episodeGroups: string[];
  changeCursor: number;
}

/** What one firing says: a heading with why it fired, then answers as a normal question would get them. */
export interface AlertMessage {
  /** Names the firing, so a sender can tell whether it already delivered it. */
  key: string;
  ruleId: number;
  /** "Alert 3: churn rate over the last 30 days is 6.1%, above 5%." */
  heading: string;
  /** Why it fired, with the expected range for anomalies. */
  why: string;
  late: boolean;
  /** Snooze and mute buttons (not on notices to the owner). */
  actions: boolean;
  /** Names a customer: delivered only where personal data may go, checked again when sent. */
  personal?: boolean;
  /** A survey detractor's alert: a "Reply" button sends the team's answer to that response's customer. */
  reply?: { responseId: string };
  replies: Reply[];
}

/**
 * One piece of a firing that reaches the chat on its own and is recorded on
 * its own: the heading, an answer's text, an answer's chart. A retry sends the
 * parts not yet recorded, no more, no less.
 */
export type AlertPart =
  | { kind: "heading"; key: string }
  | { kind: "text"; key: string; reply: Reply }
  | { kind: "chart"; key: string; reply: Reply; chart: ChartImage };

/** The heading keeps the firing's key; answer i is `<key>:a<i>` (its text) and `<key>:c<i>` (its chart). */
export function partsOf(message: AlertMessage): AlertPart[] {
  const parts: AlertPart[] = [{ kind: "heading", key: message.key }];
  message.replies.forEach((reply, i) => {
    parts.push({ kind: "text", key: `${message.key}:a${i}`, reply });
    const chart = "chart" in reply ? reply.chart : null;
    if (chart) parts.push({ kind: "chart", key: `${message.key}:c${i}`, reply, chart });
  });
  return parts;
}

/**
 * The port a chat adapter implements to deliver alerts, one part at a time.
 * Answers go under the heading (`thread`: what `send` returned for the
 * heading), so the chat is notified once per firing.
 */
export interface AlertSender {
  /** Sends one part; returns the platform's reference to it (Slack ts, Telegram message id). */
  send(
    target: AlertTarget,
    message: AlertMessage,
    part: AlertPart,
    thread: string | null,
  ): Promise<string>;
  /**
   * The reference of `part` when it already reached the chat (sent by a
   * process that died before recording it), else null. Platforms that cannot
   * tell leave this out, and that one part is sent again: at least once
   * there, never silently lost.
   */
  find?(
    target: AlertTarget,
    message: AlertMessage,
    part: AlertPart,
    thread: string | null,
    since: Date,
  ): Promise<string | null>;
}

/**
 * The chat asked to wait (Slack 429 with Retry-After, Telegram retry_after):
 * the firing waits that long without it counting as a failed attempt, and so
 * do the chat's other firings; other chats are not held up.
 */
export class AlertRateLimitedError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`the chat asked to wait ${Math.ceil(retryAfterMs / 1000)} s (rate limited)`);
    this.name = "AlertRateLimitedError";
  }
}

export type AlertSenders = Partial<Record<AlertPlatform, AlertSender>>;

/**
 * The chat refused the post for good (Slack not_in_channel, is_archived,
 * channel_not_found, invalid_auth; Telegram 403, chat not found): retrying
 * cannot help. The rule is paused at once, and its owner told `problem`
 * (naming the chat) and `fix`, in the adapter's words.
 */
export class AlertChatClosedError extends Error {
  constructor(
    readonly problem: string,
    readonly fix: string,
  ) {
    super(problem);
    this.name = "AlertChatClosedError";
  }
}
