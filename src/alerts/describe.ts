/**
 * A rule restated in words from what is stored, never from what the user
 * typed: metric, filters, condition with its unit, window, minimum volume,
 * schedule in the rule's own time zone ("Mondays 09:00 Europe/Helsinki"),
 * where it posts, next run and last firing. The confirmation, `list alerts`
 * and `pulse alert list` all say this, so a misread shows at once.
 */
import { formatValue } from "../answers/format.js";
import { dimensions } from "../metrics/dimensions.js";
import { getMetric } from "../metrics/registry.js";
import type { MetricId } from "../metrics/types.js";
import { dealConditionsInWords } from "./deals.js";
import { plansAbove } from "./plans.js";
import type { AlertRule, AlertTarget, Comparison, StoredDefinition } from "./types.js";
import { describeWindow } from "./window.js";

const days = ["Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays"];
const pad = (n: string) => n.padStart(2, "0");

const comparisonWords: Record<Comparison, string> = {
  ">": "above",
  ">=": "at or above",
  "<": "below",
  "<=": "at or below",
};

/** A cron pattern in words in its zone: "Mondays 09:00 Europe/Helsinki", "every hour at :00 UTC". */
export function scheduleInWords(pattern: string, timezone: string): string {
  const fields = pattern.trim().split(/\s+/);
  // Six fields carry seconds first.
  const [minute, hour, dom, month, dow] = fields.length === 6 ? fields.slice(1) : fields;
  const fixed = (v: string | undefined) => v !== undefined && /^\d+$/.test(v);
  if (fixed(minute) && hour === "*" && dom === "*" && month === "*" && dow === "*")
    return `every hour at :${pad(minute!)} ${timezone}`;
  if (fixed(minute) && fixed(hour) && month === "*") {
    const at = `${pad(hour!)}:${pad(minute!)} ${timezone}`;
    if (dom === "*" && dow === "*") return `every day ${at}`;
    if (dom === "*" && dow === "1-5") return `weekdays ${at}`;
    if (dom === "*" && fixed(dow)) return `${days[Number(dow) % 7]} ${at}`;
    if (fixed(dom) && dow === "*") return `on day ${dom} of every month ${at}`;
  }
  // A pattern typed as cron that has no short name: its fields in words.
  return `at minute ${minute}, hour ${hour}, day ${dom}, month ${month}, weekday ${dow} (${timezone})`;
}

/** An instant in the rule's zone: "Mon 2 Mar 09:00 EET". */
export function whenInZone(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: timezone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(at);
}

/** Where a rule posts: Slack renders <#C123> as the channel's name. */
export function placeOf(target: AlertTarget): string {
  if (target.platform === "slack")
    return /^[CG][A-Z0-9]+$/.test(target.chatId) ? `<#${target.chatId}>` : target.chatId;
  return `Telegram chat ${target.chatId}`;
}

const valueIn = (metric: MetricId, value: number, currency: string) =>
  formatValue(value, getMetric(metric).unit, currency, getMetric(metric).decimals);

/** What the rule watches and when it fires, from its stored definition. */
export function conditionInWords(definition: StoredDefinition, currency: string): string {
  switch (definition.kind) {
    case "unreadable":
      return `cannot be read by this version of Pulse (${definition.problem}): needs an edit, or delete it and make it again`;
    case "digest":
      return `digest: ${definition.questions.map((q) => `"${q}"`).join(", ") || "no questions"}`;
    case "threshold":
    case "change": {
      const q = definition.query;
      if (!q) return `${definition.kind}: "${definition.question}"`;
      const metric = getMetric(q.metric).label;
      const filters = q.filters
        .map(
          (f) =>
            `${dimensions[f.dimension].label} ${f.op === "in" ? "is" : "is not"} ${f.values.join(" or ")}`,
        )
        .join(", ");
      const where = filters ? ` where ${filters}` : "";
      const window = describeWindow(q.window);
      const volume =
        definition.minVolume > 0
          ? `, counted only with a volume of at least ${definition.minVolume}`
          : "";
      if (definition.kind === "threshold") {
        const per = q.groupBy ? ` for any ${dimensions[q.groupBy].label}` : "";
        return `${metric}${where}${per} ${window} ${comparisonWords[definition.comparison]} ${valueIn(q.metric, definition.value, currency)}${volume}`;
      }
      const direction = definition.direction === "either" ? "up or down" : definition.direction;
      const against =
        definition.against === "period"
          ? "the period just before"
          : `the same days a ${definition.against} earlier`;
      return `${metric}${where} ${window} ${direction} more than ${definition.percent}% against ${against}${volume}`;
    }
    case "anomaly":
      return `${getMetric(definition.metric).label} by ${definition.grain} outside the range its history predicts`;
    case "event": {
      if (definition.source === "deal")
        return dealConditionsInWords(definition.conditions, currency);
      const conditions = definition.conditions
        .map((c) =>
          c.field === "amount" && typeof c.value === "number"
            ? `amount ${c.op === ">" ? "over" : c.op} ${formatValue(c.value, "money", currency)}`
            : c.field === "plan" && c.op === ">" && typeof c.value === "string"
              ? `plan above ${c.value} (${plansAbove(c.value).join(", ")})`
              : `${c.field} ${c.op === "=" ? "is" : c.op} ${c.value}`,
        )
        .join(" and ");
      return `each new ${definition.source}${conditions ? ` with ${conditions}` : ""}`;
    }
  }
}

/** " for plan pro, basic": the groups of a per-group rule now in a breach. */
function firingGroups(rule: AlertRule): string {
  const def = rule.definition;
  const by = def.kind === "threshold" ? def.query?.groupBy : null;
  if (!by || rule.episodeGroups.length === 0) return "";
  return ` for ${dimensions[by].label} ${rule.episodeGroups.join(", ")}`;
}

/** The whole rule in one paragraph: the confirmation and each line of a list. */
export function ruleInWords(
  rule: AlertRule,
  context: { currency: string; now: Date; lastFiring: Date | null },
): string {
  const { now } = context;
  const when = rule.schedule
    ? `${rule.kind === "digest" || rule.kind === "anomaly" ? "sent" : "checked"} ${scheduleInWords(rule.schedule, rule.timezone)}`
    : "as it happens";
  const state =
    rule.status === "paused"
      ? rule.blockedReason
        ? `blocked: ${rule.blockedReason}`
        : "paused"
      : rule.snoozedUntil && rule.snoozedUntil > now
        ? `snoozed until ${whenInZone(rule.snoozedUntil, rule.timezone)}`
        : rule.inEpisode
          ? `active, firing${firingGroups(rule)}`
          : "active";
  const next =
    rule.nextRunAt && rule.status === "active"
      ? `next ${whenInZone(rule.nextRunAt, rule.timezone)}`
      : null;
  const last = context.lastFiring
    ? `last fired ${whenInZone(context.lastFiring, rule.timezone)}`
    : "not fired yet";
  return [
    `${rule.id}. ${conditionInWords(rule.definition, context.currency)}`,
    when,
    `posts to ${placeOf({ platform: rule.platform, chatId: rule.chatId })}`,
    state,
    ...(next ? [next] : []),
    last,
  ].join(" · ");
}
