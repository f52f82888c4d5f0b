/** "Why did X change": the change in words with its largest drivers, and the driver chart. */
import type { ChartData } from "../../charts/index.js";
import type { Driver, ExplainResult } from "../explain/explain.js";
import { MIN_HISTORY, STANDS_OUT } from "../explain/stands-out.js";
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

/** What a group's share of the base is a share of: the metric for a sum, the denominator for a ratio. */
function baseNoun(result: ExplainResult): string {
  const metric = getMetric(result.metric);
  if (metric.formula.op !== "ratio") return metric.label;
  const parts = metric.formulaText.split(" / ");
  return parts[parts.length - 1]!.replace(/\s*\(.*\)\s*$/, "");
}

const percent = (share: number): string => `${Math.round(share * 100)}%`;

/**
 * "channel ads +€12,400, 62% of the rise, from 18% of revenue"; a ratio's
 * part also split into its rate and mix effects: "plan pro +1.2 pts (rate
 * +1.0 pts, mix +0.2 pts), 60% of the rise, from 30% of customers at start
 * of period".
 */
export function driverText(driver: Driver, result: ExplainResult, currency: string): string {
  const metric = getMetric(result.metric);
  const fmt = (v: number) => formatDelta(v, metric.unit, currency, metric.decimals);
  const effects =
    driver.rateEffect !== undefined && driver.mixEffect !== undefined
      ? ` (rate ${fmt(driver.rateEffect)}, mix ${fmt(driver.mixEffect)})`
      : "";
  const change = (result.change.delta ?? 0) > 0 ? "rise" : "drop";
  const ofChange =
    driver.shareOfChange === null ? "" : `, ${percent(driver.shareOfChange)} of the ${change}`;
  return `${driverLabel(driver)} ${fmt(driver.delta)}${effects}${ofChange}, from ${percent(driver.shareOfBase)} of ${baseNoun(result)}`;
}

/** "a, b and c". */
const listed = (items: string[]): string =>
  items.length === 1
    ? items[0]!
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

/** "the 12 months before", "the 6 periods before". */
function historyText(result: ExplainResult): string {
  const { periods, grain } = result.history;
  return `the ${periods} ${grain}${periods === 1 ? "" : "s"} before`;
}

/**
 * "Revenue rose €41,589 (+29.9%) in October 2026 from September 2026
 * (€139,152 to €180,741): channel ads +€30,140, 72% of the rise, from 18% of
 * revenue." Only drivers that stand out of their own history are named, at
 * most three; when none does the change is said to be within normal
 * variation. When the question assumed the other direction, the reply says so
 * first ("Revenue did not drop: it rose ...").
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
  const informative = informativeDrivers(result);
  const named = informative.filter((d) => d.significant).slice(0, NAMED_DRIVERS);
  if (named.length > 0)
    return `${head}: ${listed(named.map((d) => driverText(d, result, currency)))}.`;
  if (informative.length === 0) return `${head}.`;
  if (result.history.periods < MIN_HISTORY) {
    const largest = informative.slice(0, NAMED_DRIVERS).map((d) => driverText(d, result, currency));
    return `${head}. Too little history to tell whether any group stands out; the largest departures from a proportional change: ${listed(largest)}.`;
  }
  return `${head}, within normal variation: no group's change stands out against ${historyText(result)}.`;
}

/** How drivers were chosen, and the dimensions left out because the metric makes them. */
function driversFootnote(result: ExplainResult): string {
  const leftOut = result.leftOut.map((d) => dimensions[d].label);
  const circular = leftOut.length
    ? ` Left out: ${listed(leftOut)}, computed from ${getMetric(result.metric).label} itself (ask "why ... by ${leftOut[0]}" to see ${leftOut.length === 1 ? "it" : "them"}).`
    : "";
  return `Against ${rangeText(result.previousRange.from, result.previousRange.to)}. A driver is a group whose own change lies ${STANDS_OUT} deviations from its usual change over ${historyText(result)}, out of proportion to its share of the base, by more than the whole usually moves. Each dimension's parts add up to the whole change; parts of different dimensions overlap.${circular}`;
}

/** The driver chart: each group's part of the change, the most telling first. */
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
    footnote: driversFootnote(result),
  };
}
