/**
 * The range a metric's history predicts for its latest period. With enough
 * history (eight seasons) it is the 95% prediction interval of the
 * forecasting model (src/forecast: exponential smoothing chosen by holdout),
 * fitted on everything before that period. With less, a robust baseline:
 * the median of comparable earlier periods (the same weekday for days) plus
 * or minus three scaled median absolute deviations; one outlier does not
 * move a median the way it moves a mean.
 */
import { forecastSeries, InsufficientHistoryError } from "../forecast/forecast.js";

export interface ExpectedRange {
  low: number;
  high: number;
  /** The predicted value: the forecast, or the median. */
  center: number;
  /** How the range was made, for the message. */
  method: string;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Consistency constant: MAD * 1.4826 estimates the standard deviation of normal data. */
const MAD_SCALE = 1.4826;

/** Median ± 3 robust deviations of `values`; null when fewer than `minimum`. */
export function robustRange(values: number[], unit: string, minimum = 4): ExpectedRange | null {
  if (values.length < minimum) return null;
  const m = median(values);
  const mad = median(values.map((v) => Math.abs(v - m))) * MAD_SCALE;
  // A perfectly flat history would call any change an anomaly: allow 10% of the level at least.
  const spread = Math.max(3 * mad, Math.abs(m) * 0.1, Number.EPSILON);
  return {
    low: m - spread,
    high: m + spread,
    center: m,
    method: `median of ${values.length} comparable ${unit}s ± 3 robust deviations`,
  };
}

/**
 * The expected range of the period after `history` (oldest first, no gaps).
 * `season` is the season length in periods (7 for days).
 */
export function expectedRange(
  history: number[],
  grain: "day" | "week" | "month",
): ExpectedRange | null {
  const range = modelRange(history, grain);
  // A metric that has never been negative is not expected to be.
  if (range && history.every((v) => v >= 0)) range.low = Math.max(0, range.low);
  return range;
}

function modelRange(history: number[], grain: "day" | "week" | "month"): ExpectedRange | null {
  const season = grain === "day" ? 7 : grain === "month" ? 12 : 1;
  if (history.length >= Math.max(8 * season, 12)) {
    try {
      const forecast = forecastSeries(history, { horizon: 1, seasonLength: season });
      const point = forecast.points[0]!;
      return {
        low: point.lo95,
        high: point.hi95,
        center: point.value,
        method: `95% interval of the ${forecast.model} forecast from ${history.length} ${grain}s of history`,
      };
    } catch (error) {
      if (!(error instanceof InsufficientHistoryError)) throw error;
    }
  }
  const step = grain === "day" ? 7 : 1;
  const comparable: number[] = [];
  for (let i = history.length - step; i >= 0 && comparable.length < 8; i -= step)
    comparable.push(history[i]!);
  return robustRange(comparable, grain === "day" ? "same weekday" : grain);
}
