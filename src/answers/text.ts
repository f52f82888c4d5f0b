/**
 * The answer as a sharp analyst would write it: the number in its unit, the
 * change against the comparison in words and numbers, the range in words, and
 * a one-line footnote with the formula and the numbers that went into it.
 */

import { dimensions } from "../metrics/dimensions.js";
import { evaluate } from "../metrics/formula.js";
import type { GroupValue, Measures, MetricResult, SeriesPoint } from "../metrics/query.js";
import { getMetric, measureDefinitions } from "../metrics/registry.js";
import type { Formula, Grain, MetricDefinition } from "../metrics/types.js";
import { churnRuleText } from "../workspace/workspace.js";
import { formatValue, pointText, rangeText } from "./format.js";
import { filtersText } from "./restate.js";
import { seriesTrend } from "./trend.js";

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

/** Series longer than this are described by their trend line, not by their first and last period. */
const LONG_SERIES = 31;

/** "the week of 29 Dec 2025", "Nov 2026", "29 Nov 2026". */
const periodName = (p: SeriesPoint, grain: Grain): string =>
  `${grain === "week" ? "the week of " : ""}${pointText(p.from, grain)}`;

/**
 * "Rising over 48 full weeks: from €17,914.82 (5 Jan 2026) to €51,271.43
 * (23 Nov 2026); high ..., low ...", with the partial periods said apart
 * ("The week of 1 Jan 2026, partial (1-4 Jan): €2,100.00. The week of 30 Nov
 * 2026 to date: €9,800.00."). A long series (a year by day) gives its trend
 * line's ends instead of two single days.
 */
function seriesText(series: SeriesPoint[], result: MetricResult, currency: string): string {
  const grain = result.grain!;
  const fmt = (p: SeriesPoint) =>
    `${formatMetric(p.value, result, currency)} (${pointText(p.from, grain)})`;
  const trend = seriesTrend(series, grain);
  const partial = trend.partial.map((p) =>
    p.toDate
      ? `${periodName(p, grain)} to date: ${formatMetric(p.value, result, currency)}`
      : `${periodName(p, grain)}, partial (${rangeText(p.from, p.to)}): ${formatMetric(p.value, result, currency)}`,
  );
  const partialText = partial.length ? ` ${capitalise(partial.join("; "))}.` : "";
  const known = trend.complete;
  if (known.length === 0) return partialText ? partialText.trim() : "No data in any period.";
  const complete = series.length - trend.partial.length;
  const max = known.reduce((a, b) => (b.value > a.value ? b : a));
  const min = known.reduce((a, b) => (b.value < a.value ? b : a));
  const full = trend.partial.length ? " full" : "";
  const span =
    trend.line && known.length > LONG_SERIES
      ? `the trend line runs from ${formatMetric(trend.line.start, result, currency)} to ${formatMetric(trend.line.end, result, currency)} a ${grain}`
      : `from ${fmt(known[0]!)} to ${fmt(known[known.length - 1]!)}`;
  return `${capitalise(trend.word)} over ${complete}${full} ${grain}${complete === 1 ? "" : "s"}: ${span}; high ${fmt(max)}, low ${fmt(min)}.${partialText}`;
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
