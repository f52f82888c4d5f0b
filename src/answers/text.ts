/**
 * The answer as a sharp analyst would write it: the number in its unit, the
 * change against the comparison in words and numbers, the range in words, and
 * a one-line footnote with the formula and the numbers that went into it.
 */

import { dimensions } from "../metrics/dimensions.js";
import { evaluate } from "../metrics/formula.js";
import type { GroupValue, Measures, MetricResult, SeriesPoint } from "../metrics/query.js";
import { getMetric, measureDefinitions } from "../metrics/registry.js";
import type { Formula, MetricDefinition } from "../metrics/types.js";
import { churnRuleText } from "../workspace/workspace.js";
import { formatValue, pointText, rangeText } from "./format.js";
import { filtersText } from "./restate.js";

/** A value of the result's metric, with the metric's own decimals. */
export const formatMetric = (
  value: number | null | undefined,
  result: MetricResult,
  currency: string,
): string => formatValue(value, result.unit, currency, getMetric(result.metric).decimals);

/** Groups named one by one; the rest are summarised in a count. */
const TOP_GROUPS = 5;

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The formula with the numbers that went into it: "63 / 1,764". */
function formulaNumbers(
  formula: Formula,
  measures: Measures,
  metric: MetricDefinition,
  currency: string,
  top = true,
): string {
  switch (formula.op) {
    case "measure":
      // Each input in its own unit: "revenue / orders: €180,741.95 / 3,256".
      return formatValue(
        measures[formula.measure] ?? 0,
        measureDefinitions[formula.measure].unit,
        currency,
      );
    case "difference":
      return `(${formulaNumbers(formula.left, measures, metric, currency, false)} - ${formulaNumbers(formula.right, measures, metric, currency, false)})`;
    case "ratio": {
      if (!top) {
        const value = evaluate(formula, measures);
        return value === null ? "no data" : String(Number(value.toPrecision(4)));
      }
      const part = (f: Formula) =>
        f.op === "ratio"
          ? String(Number((evaluate(f, measures) ?? Number.NaN).toPrecision(4)))
          : formulaNumbers(f, measures, metric, currency, false);
      return `${part(formula.numerator)} / ${part(formula.denominator)}`;
    }
  }
}

/** "churned customers / customers at start of period: 63 / 1,764". */
export function footnote(result: MetricResult, currency: string): string {
  const metric = getMetric(result.metric);
  const numbers = formulaNumbers(metric.formula, result.measures, metric, currency);
  // Under a window "churned" is a rule of this workspace, not a date in the data: say which.
  const rule =
    result.churnAfterDays !== undefined ? `; churn: ${churnRuleText(result.churnAfterDays)}` : "";
  return `${metric.formulaText}: ${numbers}${rule}`;
}

/** "down 0.4 pts from September 2026 (4.0%)" or "up 8.1% from ...". */
export function changeText(result: MetricResult, currency: string): string | null {
  if (!result.previous) return null;
  const { value } = result;
  const previous = result.previous.value;
  const when = rangeText(result.previous.from, result.previous.to);
  const before = formatMetric(previous, result, currency);
  if (value === null || previous === null) return `against ${before} in ${when}`;
  const delta = value - previous;
  if (delta === 0) return `unchanged from ${when}`;
  const direction = delta > 0 ? "up" : "down";
  if (result.unit === "percent")
    return `${direction} ${Math.abs(delta).toFixed(1)} pts from ${when} (${before})`;
  if (result.unit === "score")
    return `${direction} ${formatMetric(Math.abs(delta), result, currency)} from ${when} (${before})`;
  if (previous === 0) return `${direction} from 0 in ${when}`;
  return `${direction} ${Math.abs((delta / previous) * 100).toFixed(1)}% from ${when} (${before})`;
}

/** Why a value is "no data": the denominator that was zero. */
function noDataText(metric: MetricDefinition, range: string): string {
  const denominator =
    metric.formula.op === "ratio" ? metric.formulaText.split(" / ").slice(1).join(" / ") : null;
  return denominator
    ? `No data for ${metric.label} in ${range}: it divides by ${denominator}, which was 0, so there is nothing to divide.`
    : `No data for ${metric.label} in ${range}.`;
}

function groupsText(groups: GroupValue[], result: MetricResult, currency: string): string {
  const label = dimensions[result.groupBy!].label;
  const named = (g: GroupValue) => `${g.key} ${formatMetric(g.value, result, currency)}`;
  // One group more beats "1 more not shown".
  const count = groups.length === TOP_GROUPS + 1 ? groups.length : TOP_GROUPS;
  const shown = groups.slice(0, count).map(named);
  const hidden = groups.slice(count);
  const rest = hidden.length;
  // The highest and lowest values are never hidden behind the count.
  const valued = groups.filter((g) => g.value !== null) as (GroupValue & { value: number })[];
  const extremes = valued.length
    ? [
        { word: "highest", value: Math.max(...valued.map((g) => g.value)) },
        { word: "lowest", value: Math.min(...valued.map((g) => g.value)) },
      ]
    : [];
  const hiddenExtremes = extremes.flatMap(({ word, value }) => {
    const g = hidden.find((h) => h.value === value);
    return g && !groups.slice(0, count).some((s) => s.value === value)
      ? [`${word} ${named(g)}`]
      : [];
  });
  const tail =
    rest > 0
      ? `; ${rest} more ${label} value${rest === 1 ? "" : "s"} not shown${hiddenExtremes.length ? `, among them the ${hiddenExtremes.join(" and the ")}` : ""}`
      : "";
  const order = result.rank ? `, ${result.rank.order === "desc" ? "highest" : "lowest"} first` : "";
  return `By ${label}${order}: ${shown.join(", ")}${tail}.`;
}

function seriesText(series: SeriesPoint[], result: MetricResult, currency: string): string {
  const grain = result.grain!;
  const fmt = (p: SeriesPoint) =>
    `${formatMetric(p.value, result, currency)} (${pointText(p.from, grain)})`;
  // A period that has not ended is said apart, "to date": its part-value is no fall.
  const toDate = series
    .filter((p) => p.toDate)
    .map(
      (p) =>
        `${grain === "week" ? "the week of " : ""}${pointText(p.from, grain)} to date: ${formatMetric(p.value, result, currency)}`,
    );
  const partial = toDate.length ? ` ${capitalise(toDate.join("; "))}.` : "";
  const whole = series.filter((p) => !p.toDate);
  const known = whole.filter((p): p is SeriesPoint & { value: number } => p.value !== null);
  if (known.length === 0) return partial ? partial.trim() : "No data in any period.";
  const first = known[0]!;
  const last = known[known.length - 1]!;
  const max = known.reduce((a, b) => (b.value > a.value ? b : a));
  const min = known.reduce((a, b) => (b.value < a.value ? b : a));
  const trend = trendOf(known.map((p) => p.value));
  const full = toDate.length ? " full" : "";
  return `${capitalise(trend)} over ${whole.length}${full} ${grain}${whole.length === 1 ? "" : "s"}: from ${fmt(first)} to ${fmt(last)}; high ${fmt(max)}, low ${fmt(min)}.${partial}`;
}

/** The sign of the least-squares slope, ignored when it moves less than 2% of the mean per step. */
function trendOf(values: number[]): "rising" | "falling" | "flat" {
  const n = values.length;
  if (n < 2) return "flat";
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  const slope = num / den;
  if (Math.abs(slope) <= Math.abs(meanY) * 0.02) return "flat";
  return slope > 0 ? "rising" : "falling";
}

export interface AnswerText {
  text: string;
  footnote: string;
  rangeText: string;
}

/** The whole answer text of a metric result. */
export function answerText(result: MetricResult, currency: string): AnswerText {
  const metric = getMetric(result.metric);
  const range = `${rangeText(result.from, result.to)}${result.toDate ? " (to date)" : ""}`;
  const lines: string[] = [];
  if (result.value === null && !result.groups && !result.series) {
    lines.push(noDataText(metric, range));
  } else {
    const change = changeText(result, currency);
    const filtered = filtersText(result.filters ?? []);
    lines.push(
      `${capitalise(metric.label)}${filtered ? `, ${filtered},` : ""} in ${range}: ${formatMetric(result.value, result, currency)}${change ? `, ${change}` : ""}.`,
    );
  }
  if (result.series) lines.push(seriesText(result.series, result, currency));
  if (result.groups) lines.push(groupsText(result.groups, result, currency));
  return { text: lines.join("\n"), footnote: footnote(result, currency), rangeText: range };
}
