/**
 * The "what changed" digest in words: one short line per metric that stands
 * out, most unusual first, with its drivers and its risk at this pace, and
 * the question that asks for the full "why"; "All quiet" when nothing does.
 */
import type { WhatChangedItem, WhatChangedResult } from "../explain/what-changed.js";
import { getMetric } from "../metrics/registry.js";
import { driverLabel } from "./explain-answer.js";
import { formatDelta, formatValue, rangeText } from "./format.js";
import { driverJson } from "./json.js";

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** "why did churn rate change in November 2026?": the question each item's button asks. */
export const whyQuestion = (item: WhatChangedItem): string =>
  `why did ${getMetric(item.metric).label} change in ${rangeText(item.from, item.to)}?`;

function itemText(item: WhatChangedItem, currency: string): string {
  const metric = getMetric(item.metric);
  const fmt = (v: number) => formatValue(v, metric.unit, currency, metric.decimals);
  const delta = formatDelta(item.delta, metric.unit, currency, metric.decimals);
  const named = item.drivers.filter((d) => d.significant);
  const drivers = named.length
    ? `; driven by ${named.map((d) => `${driverLabel(d)} ${formatDelta(d.delta, metric.unit, currency, metric.decimals)}`).join(", ")}`
    : "";
  const risk = item.risk
    ? `. At this pace, ${metric.label} reaches ${fmt(item.risk.value)} in ${rangeText(item.risk.at.from, item.risk.at.to)}`
    : "";
  return `• ${capitalise(metric.label)} ${delta} to ${fmt(item.value)} (${item.unusual.toFixed(1)} deviations off its trend)${drivers}${risk}. Ask: "${whyQuestion(item)}"`;
}

/** The digest message; null when nothing stands out and "all quiet" was not asked for. */
export function whatChangedText(
  result: WhatChangedResult,
  currency: string,
  allQuiet = false,
): string | null {
  const when = rangeText(result.from, result.to);
  if (result.items.length === 0)
    return allQuiet ? `All quiet in ${when}: no metric moved out of its usual range.` : null;
  return [`What changed in ${when}:`, ...result.items.map((i) => itemText(i, currency))].join("\n");
}

/** The digest's items as JSON, drivers as `pulse ask --json` gives them. */
export function whatChangedJson(result: WhatChangedResult) {
  return {
    period: result.period,
    from: result.from,
    to: result.to,
    items: result.items.map((i) => ({
      metric: i.metric,
      value: i.value,
      previous: i.previous,
      delta: i.delta,
      unusual: i.unusual,
      drivers: i.drivers.map(driverJson),
      risk: i.risk,
      ask: whyQuestion(i),
    })),
  };
}
