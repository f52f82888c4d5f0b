/**
 * The small grammar of alert messages: "Orders were" but "Revenue was", an
 * expected range of a count in whole numbers, a period in words ("on 6
 * December 2026", "in the week of 30 November 2026"), and the volume behind a
 * rate in its unit.
 */
import { formatValue, rangeText } from "../answers/format.js";
import { getMetric } from "../metrics/registry.js";
import type { MetricId } from "../metrics/types.js";

/** "orders", "new customers", "web visits" are plural; "revenue", "NPS", "tickets per 100 customers" are not. */
export function isPlural(label: string): boolean {
  return !/ per /.test(label) && /[a-z]s$/.test(label) && !/ss$/.test(label);
}

/** "was" or "were" for the metric's label. */
export const wasOf = (metric: MetricId) => (isPlural(getMetric(metric).label) ? "were" : "was");

/** The expected range of a count in whole numbers that hold it ("96 to 153", not "96.24 to 152.20"). */
export function rangeInUnit(
  low: number,
  high: number,
  metric: MetricId,
  fmt: (v: number, metric: MetricId) => string,
): string {
  const whole = getMetric(metric).unit === "count";
  const [a, b] = whole ? [Math.max(0, Math.floor(low)), Math.ceil(high)] : [low, high];
  return `${fmt(a, metric)} to ${fmt(b, metric)}`;
}

/** A period of a series in words with its preposition: "on 6 December 2026", "in December 2026". */
export function periodInWords(from: string, to: string, grain: "day" | "week" | "month"): string {
  return `${grain === "day" ? "on" : "in"} ${rangeText(from, to)}`;
}

/**
 * The volume a rate was counted over, in words, or "" when the rule asks
 * for none: ", with a volume of 1,204 (at least 30 needed)". A plain metric's
 * volume is its own value, in its own unit.
 */
export function volumeInWords(
  metric: MetricId,
  volume: number,
  minimum: number,
  currency: string,
): string {
  if (minimum <= 0) return "";
  const definition = getMetric(metric);
  const unit = definition.formula.op === "ratio" ? "count" : definition.unit;
  const say = (v: number) => formatValue(v, unit, currency);
  return `, with a volume of ${say(volume)} (at least ${say(minimum)} needed)`;
}
