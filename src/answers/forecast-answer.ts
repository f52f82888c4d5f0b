/** A forecast in words and as chart data. */
import type { ChartData } from "../../charts/index.js";
import type { MetricForecast } from "../forecast/metric-forecast.js";
import { getMetric } from "../metrics/registry.js";
import { formatValue, pointText, rangeText } from "./format.js";
import type { AnswerJson } from "./json.js";

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function forecastText(
  forecast: MetricForecast,
  currency: string,
  to: string,
): { text: string; footnote: string; rangeText: string } {
  const metric = getMetric(forecast.metric);
  const fmt = (v: number) => formatValue(v, metric.unit, currency, metric.decimals);
  const range = rangeText(forecast.periods[0]!, to);
  const lines = forecast.points.map(
    (p, i) =>
      `${pointText(forecast.periods[i]!, forecast.grain)}: ${fmt(p.value)} (80%: ${fmt(p.lo80)} to ${fmt(p.hi80)}; 95%: ${fmt(p.lo95)} to ${fmt(p.hi95)})`,
  );
  const backtest = forecast.backtest
    ? `Backtest on the last ${forecast.points.length + 1} ${forecast.grain}s held out: MASE ${forecast.backtest.mase.toFixed(2)} (under 1 beats repeating the last season), sMAPE ${forecast.backtest.smape.toFixed(1)}%.`
    : "";
  return {
    text: [`${capitalise(metric.label)} forecast for ${range}:`, ...lines].join("\n"),
    footnote:
      `${forecast.model}, fitted on ${forecast.history.length} ${forecast.grain}s of history. ${backtest}`.trim(),
    rangeText: range,
  };
}

export function forecastChart(
  forecast: MetricForecast,
  currency: string,
  title: string,
  footnote: string,
): ChartData {
  const metric = getMetric(forecast.metric);
  return {
    kind: "forecast",
    title,
    footnote,
    unit: metric.unit,
    currency,
    grain: forecast.grain,
    history: forecast.history.slice(-24),
    forecast: forecast.points.map((p, i) => ({ from: forecast.periods[i]!, ...p })),
  };
}

export function forecastJson(forecast: MetricForecast): AnswerJson {
  return {
    value: null,
    unit: getMetric(forecast.metric).unit,
    series: forecast.points.map((p, i) => ({ from: forecast.periods[i]!, value: p.value })),
  };
}
