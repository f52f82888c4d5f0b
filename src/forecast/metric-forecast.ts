/**
 * A forecast of a metric: its history by the horizon's grain (full periods
 * up to the current one), the model's points and intervals, and a chart.
 */
import type { Queryable } from "../../db/client.js";
import { addMonths, nextStart, startOf } from "../metrics/calendar.js";
import type { QueryContext } from "../metrics/query.js";
import { runMetricQuery } from "../metrics/query.js";
import type { Filter, Grain, MetricId } from "../metrics/types.js";
import { type Forecast, forecastSeries } from "./forecast.js";

/** How much history each grain looks at, and its season. */
const history: Record<Grain, { periods: number; season: number }> = {
  day: { periods: 365, season: 7 },
  week: { periods: 104, season: 52 },
  month: { periods: 36, season: 12 },
  quarter: { periods: 16, season: 4 },
  year: { periods: 8, season: 1 },
};

export interface MetricForecast extends Forecast {
  metric: MetricId;
  grain: Grain;
  history: { from: string; value: number }[];
  /** Start dates of the forecast periods. */
  periods: string[];
}

function back(start: string, grain: Grain, n: number): string {
  if (grain === "day")
    return new Date(Date.parse(start) - n * 86_400_000).toISOString().slice(0, 10);
  if (grain === "week")
    return new Date(Date.parse(start) - n * 7 * 86_400_000).toISOString().slice(0, 10);
  const months = grain === "month" ? n : grain === "quarter" ? 3 * n : 12 * n;
  return addMonths(start, -months);
}

export async function forecastMetric(
  db: Queryable,
  context: QueryContext,
  request: {
    metric: MetricId;
    grain: Grain;
    horizon: number;
    today: string;
    /** The history is that of the filtered rows ("forecast pro revenue"). */
    filters?: readonly Filter[];
  },
): Promise<MetricForecast> {
  const { periods, season } = history[request.grain];
  const to = startOf(request.today, request.grain);
  const result = await runMetricQuery(
    db,
    {
      metric: request.metric,
      from: back(to, request.grain, periods),
      to,
      grain: request.grain,
      filters: request.filters ?? [],
    },
    context,
  );
  const series = result.series ?? [];
  // Periods before the first with data are before the business had any: not zeros to learn from.
  const first = series.findIndex((p) => p.value !== null && p.value !== 0);
  const known: { from: string; value: number }[] = [];
  for (const point of first < 0 ? [] : series.slice(first)) {
    known.push({ from: point.from, value: point.value ?? known[known.length - 1]?.value ?? 0 });
  }
  // The current period is still running: it is forecast too (one step more) but not shown,
  // since "the next 3 months" starts after it.
  const forecast = forecastSeries(
    known.map((p) => p.value),
    { horizon: request.horizon + 1, seasonLength: season },
  );
  const starts: string[] = [];
  let start = nextStart(to, request.grain);
  for (let i = 0; i < request.horizon; i++) {
    starts.push(start);
    start = nextStart(start, request.grain);
  }
  return {
    ...forecast,
    points: forecast.points.slice(1),
    metric: request.metric,
    grain: request.grain,
    history: known,
    periods: starts,
  };
}
