/**
 * The values a metric can take: a rule outside them could never fire (or
 * always would), so it is refused with the reason, never stored.
 */
import { getMetric } from "../../metrics/registry.js";
import type { MetricId } from "../../metrics/types.js";

const scoreBounds: Partial<Record<MetricId, [number, number, string]>> = {
  nps: [-100, 100, "NPS goes from -100 to 100"],
  csat: [0, 100, "CSAT goes from 0 to 100%"],
  ces: [1, 7, "CES goes from 1 to 7"],
  sentiment: [-1, 1, "Sentiment goes from -1 to 1"],
};

/** Why a threshold `value` cannot be met by `metric`, or null when it can. */
export function outOfBounds(
  metric: MetricId,
  value: number,
  percentWritten: boolean,
): string | null {
  const score = scoreBounds[metric];
  if (score) {
    const [low, high, text] = score;
    return value < low || value > high
      ? `${text}: a threshold of ${value} can never be crossed.`
      : null;
  }
  const { unit, label } = getMetric(metric);
  if (unit === "percent") {
    if (value > 100) return `A rate cannot be above 100% (${label} above ${value}%).`;
    if (value < 0) return `A rate cannot be below 0% (${label} below ${value}%).`;
    return null;
  }
  if (percentWritten)
    return `${label[0]!.toUpperCase()}${label.slice(1)} is ${unit === "money" ? "an amount" : "a count"}, not a percent: say the ${unit === "money" ? "amount" : "number"} (for example "above 1,000"), or a change ("drops more than ${value}%").`;
  if (value < 0)
    return `${unit === "money" ? "An amount" : "A count"} cannot be below 0 (${label} ${value}).`;
  return null;
}
