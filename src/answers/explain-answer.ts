/** "Why did X change": the change in words with its largest drivers, and the driver chart. */
import type { ChartData } from "../../charts/index.js";
import type { Driver, ExplainResult } from "../explain/explain.js";
import { dimensions } from "../metrics/dimensions.js";
import { getMetric } from "../metrics/registry.js";
import { formatDelta, formatValue, rangeText } from "./format.js";

/** The direction a question assumed ("why did revenue drop" is `drop`). */
export type AskedDirection = "rise" | "drop";

/** Drivers named in the reply. */
const NAMED_DRIVERS = 3;

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** "plan pro", "country FI", "age band 25-34". */
export const driverLabel = (driver: Driver): string =>
  `${dimensions[driver.dimension].label} ${driver.key}`;

/** "rose €41,589 (+29.9%)", "fell 2.1 pts", "rose 5". */
function changeWords(result: ExplainResult, delta: number, currency: string): string {
  const metric = getMetric(result.metric);
  const verb = delta > 0 ? "rose" : "fell";
  const size = formatDelta(Math.abs(delta), result.unit, currency, metric.decimals).slice(1);
  const previous = result.change.previous ?? 0;
  const relative =
    (result.unit === "money" || result.unit === "count") && previous !== 0
      ? ` (${delta > 0 ? "+" : "−"}${Math.abs((delta / previous) * 100).toFixed(1)}%)`
      : "";
  return `${verb} ${size}${relative}`;
}

/**
 * The drivers worth naming: a dimension with one group only (every NPS answer
 * is of survey kind nps; a filter on plan pro leaves plan pro) holds the whole
 * change and explains nothing, so it is not named nor drawn (the JSON keeps it).
 */
export function informativeDrivers(result: ExplainResult): Driver[] {
  const groups = new Map<string, number>();
  for (const d of result.drivers) groups.set(d.dimension, (groups.get(d.dimension) ?? 0) + 1);
  const whole = result.change.delta ?? 0;
  return result.drivers.filter(
    (d) =>
      groups.get(d.dimension) !== 1 ||
      Math.abs(d.delta - whole) > 1e-9 * Math.max(1, Math.abs(whole)),
  );
}

/**
 * "Revenue rose €41,589 (+29.9%) in October 2026 from September 2026: plan
 * pro +€20,140, channel organic +€12,380 and country FI +€9,870." When the
 * question assumed the other direction, the reply says so first ("Revenue
 * did not drop: it rose ...").
 */
export function explainText(
  result: ExplainResult,
  currency: string,
  asked: AskedDirection | null = null,
): string {
  const metric = getMetric(result.metric);
  const name = capitalise(metric.label);
  const range = rangeText(result.from, result.to);
  const before = rangeText(result.previousRange.from, result.previousRange.to);
  const fmt = (v: number | null) => formatValue(v, metric.unit, currency, metric.decimals);
  const { value, previous, delta } = result.change;
  if (delta === null) {
    const missing = value === null ? range : before;
    return `No data for ${metric.label} in ${missing}, so there is no change from ${before} to explain.`;
  }
  const happened = delta > 0 ? "rise" : delta < 0 ? "drop" : null;
  const premise = asked && asked !== happened ? `${name} did not ${asked}: it ` : `${name} `;
  if (happened === null)
    return `${premise}was unchanged in ${range} from ${before} (${fmt(value)}).`;
  const head = `${premise}${changeWords(result, delta, currency)} in ${range} from ${before} (${fmt(previous)} to ${fmt(value)})`;
  const named = informativeDrivers(result)
    .filter((d) => d.delta !== 0)
    .slice(0, NAMED_DRIVERS)
    .map(
      (d) => `${driverLabel(d)} ${formatDelta(d.delta, metric.unit, currency, metric.decimals)}`,
    );
  if (named.length === 0) return `${head}.`;
  const list =
    named.length === 1
      ? named[0]
      : `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`;
  return `${head}: ${list}.`;
}

/** The driver chart: each group's part of the change, largest first. */
export function explainChartData(result: ExplainResult, currency: string): ChartData {
  const metric = getMetric(result.metric);
  const delta = result.change.delta ?? 0;
  const verb = delta > 0 ? "rose" : delta < 0 ? "fell" : "changed";
  return {
    kind: "drivers",
    title: `Why ${metric.label} ${verb}, ${rangeText(result.from, result.to)}`,
    unit: result.unit,
    currency,
    change: { value: result.change.value, previous: result.change.previous },
    drivers: informativeDrivers(result).map((d) => ({ label: driverLabel(d), delta: d.delta })),
    footnote: `Against ${rangeText(result.previousRange.from, result.previousRange.to)}. Each dimension's parts add up to the whole change; parts of different dimensions overlap.`,
  };
}
