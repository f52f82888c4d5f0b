/** A metric result as a chart: the kind of chart that fits its shape, titled with the question and range. */
import { type ChartData, renderChart, tableText } from "../../charts/index.js";
import type { ChartImage } from "../assistant/types.js";
import { dimensions } from "../metrics/dimensions.js";
import type { MetricResult } from "../metrics/query.js";
import { getMetric } from "../metrics/registry.js";
import { rangeText } from "./format.js";

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The chart data of a result; `sparkline` is the metric's recent history for a single value. */
export function chartDataOf(
  result: MetricResult,
  currency: string,
  footnote: string,
  sparkline?: MetricResult,
): ChartData {
  const metric = getMetric(result.metric);
  const range = `${rangeText(result.from, result.to)}${result.toDate ? " (to date)" : ""}`;
  const base = { unit: result.unit, currency, footnote };
  if (result.groups) {
    const label = dimensions[result.groupBy!].label;
    return {
      ...base,
      kind: "breakdown",
      title: `${capitalise(metric.label)} by ${label}, ${range}`,
      dimension: label,
      groups: result.groups.map((g) => ({ key: g.key, value: g.value })),
    };
  }
  if (result.series) {
    return {
      ...base,
      kind: "series",
      title: `${capitalise(metric.label)} by ${result.grain}, ${range}`,
      grain: result.grain!,
      style: result.unit === "count" ? "bar" : "line",
      points: result.series.map((p) => ({
        from: p.from,
        value: p.value,
        ...("previous" in p ? { previous: p.previous ?? null } : {}),
        ...(p.toDate ? { toDate: true } : {}),
      })),
    };
  }
  return {
    ...base,
    kind: "value",
    title: `${capitalise(metric.label)}, ${range}`,
    value: result.value,
    ...(result.previous
      ? {
          previous: result.previous.value,
          previousLabel: rangeText(result.previous.from, result.previous.to),
        }
      : {}),
    ...(sparkline?.series
      ? { sparkline: sparkline.series.map((p) => ({ from: p.from, value: p.value })) }
      : {}),
  };
}

export const chartTable = (data: ChartData): string => tableText(data);

export async function chartImage(data: ChartData): Promise<ChartImage> {
  const chart = await renderChart(data);
  return { png: chart.png, width: chart.width, height: chart.height, altText: chart.altText };
}

/** Several metrics as small multiples: a panel each, with its own axis and unit. */
export function multiplesChartData(results: readonly MetricResult[], currency: string): ChartData {
  const first = results[0]!;
  const names = results.map((r) => getMetric(r.metric).label);
  const list =
    names.length === 1
      ? names[0]!
      : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return {
    kind: "multiples",
    title: `${capitalise(list)}, ${rangeText(first.from, first.to)}`,
    unit: first.unit,
    currency,
    panels: results.map((r) => ({
      title: capitalise(getMetric(r.metric).label),
      unit: r.unit,
      currency,
      value: r.value,
      ...(r.previous ? { previous: r.previous.value } : {}),
      ...(r.series && r.grain
        ? { grain: r.grain, points: r.series.map((p) => ({ from: p.from, value: p.value })) }
        : {}),
      ...(r.groups && !r.series
        ? { groups: r.groups.map((g) => ({ key: g.key, value: g.value })) }
        : {}),
    })),
  };
}
