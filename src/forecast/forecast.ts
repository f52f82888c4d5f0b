/**
 * Forecasts with prediction intervals for any metric series. The model is
 * chosen per series by a holdout: each candidate is fitted without the last
 * `horizon` points and scored on them (MASE against the seasonal naive
 * forecast); the winner is refitted on everything.
 */
import { PulseError } from "../errors.js";
import { type Fit, fitBest, type SmoothingModel } from "./holt-winters.js";

export interface ForecastPoint {
  value: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

export interface Forecast {
  model: string;
  points: ForecastPoint[];
  /** Error of the chosen model on the held-out last points, or null when too short to hold any out. */
  backtest: { mase: number; smape: number } | null;
}

export class InsufficientHistoryError extends PulseError {
  constructor(
    readonly have: number,
    readonly need: number,
  ) {
    super(
      "query_invalid",
      `A forecast needs at least ${need} periods of history; there are ${have}.`,
    );
  }
}

const Z80 = 1.2816;
const Z95 = 1.96;

/** Mean absolute scaled error against the in-sample seasonal naive forecast. */
export function mase(
  actual: number[],
  predicted: number[],
  history: number[],
  seasonLength: number,
): number {
  const lag = history.length > seasonLength ? seasonLength : 1;
  let scale = 0;
  for (let t = lag; t < history.length; t++) scale += Math.abs(history[t]! - history[t - lag]!);
  scale /= Math.max(1, history.length - lag);
  const error = actual.reduce((a, v, i) => a + Math.abs(v - predicted[i]!), 0) / actual.length;
  return scale === 0 ? (error === 0 ? 0 : Number.POSITIVE_INFINITY) : error / scale;
}

export function smape(actual: number[], predicted: number[]): number {
  const terms = actual.map((v, i) => {
    const d = Math.abs(v) + Math.abs(predicted[i]!);
    return d === 0 ? 0 : (2 * Math.abs(v - predicted[i]!)) / d;
  });
  return (100 * terms.reduce((a, b) => a + b, 0)) / terms.length;
}

/** Seasonal naive: each future point repeats the value one season earlier. */
export function seasonalNaive(history: number[], horizon: number, seasonLength: number): number[] {
  const lag = history.length >= seasonLength ? seasonLength : 1;
  return Array.from({ length: horizon }, (_, i) => history[history.length - lag + (i % lag)]!);
}

const candidates = (n: number, seasonLength: number): SmoothingModel["name"][] =>
  n >= 2 * seasonLength + 2 && seasonLength > 1
    ? ["simple", "holt-damped", "holt-winters-damped"]
    : ["simple", "holt-damped"];

/** Variance multipliers of ETS(A,Ad,A) for 1..h steps: 1 + sum of squared c_j. */
function spread(model: SmoothingModel, horizon: number): number[] {
  const out: number[] = [];
  let sum = 0;
  for (let h = 1; h <= horizon; h++) {
    out.push(Math.sqrt(1 + sum));
    let damp = 0;
    for (let i = 1; i <= h; i++) damp += model.phi ** i;
    const c =
      model.alpha * (1 + model.beta * damp) +
      (model.seasonLength > 1 && h % model.seasonLength === 0 ? model.gamma : 0);
    sum += c * c;
  }
  return out;
}

function intervals(fit: Fit, horizon: number): ForecastPoint[] {
  const n = fit.residuals.length;
  const sigma = Math.sqrt(fit.residuals.reduce((a, e) => a + e * e, 0) / Math.max(1, n - 1));
  const widths = spread(fit.model, horizon);
  return fit.forecast(horizon).map((value, i) => {
    const s = sigma * widths[i]!;
    return {
      value,
      lo80: value - Z80 * s,
      hi80: value + Z80 * s,
      lo95: value - Z95 * s,
      hi95: value + Z95 * s,
    };
  });
}

/** How many past seasons must agree that a period is closed. */
const CLOSED_SEASONS = 4;

/**
 * Which of the next `horizon` periods fall on a phase of the season that was
 * exactly zero in each of the last seasons: a shop closed on Saturdays. Those
 * are forecast as zero, with no interval: smoothing would spread the other
 * days' level over them.
 */
export function closedPeriods(values: number[], horizon: number, seasonLength: number): boolean[] {
  return Array.from({ length: horizon }, (_, i) => {
    if (seasonLength <= 1) return false;
    const phase = (values.length + i) % seasonLength;
    let last = values.length - 1 - ((values.length - 1 - phase) % seasonLength);
    for (let k = 0; k < CLOSED_SEASONS; k++, last -= seasonLength)
      if (last < 0 || values[last] !== 0) return false;
    return true;
  });
}

const closedAsZero = (predicted: number[], closed: boolean[]): number[] =>
  predicted.map((v, i) => (closed[i] ? 0 : v));

export const modelNames: Record<SmoothingModel["name"], string> = {
  simple: "simple exponential smoothing",
  "holt-damped": "Holt's damped trend",
  "holt-winters-damped": "Holt-Winters (damped trend, additive seasonality)",
};

/** Forecasts `horizon` points after `values`; throws InsufficientHistoryError for a series too short to say anything. */
export function forecastSeries(
  values: number[],
  options: { horizon: number; seasonLength?: number },
): Forecast {
  const seasonLength = options.seasonLength ?? 1;
  const need = Math.max(6, options.horizon + 4);
  if (values.length < need) throw new InsufficientHistoryError(values.length, need);
  const holdout = options.horizon;
  const train = values.slice(0, -holdout);
  const test = values.slice(-holdout);
  let best: { name: SmoothingModel["name"]; score: number; predicted: number[] } | null = null;
  for (const name of candidates(train.length, seasonLength)) {
    const predicted = closedAsZero(
      fitBest(train, name, seasonLength).forecast(holdout),
      closedPeriods(train, holdout, seasonLength),
    );
    const score = mase(test, predicted, train, seasonLength);
    if (!best || score < best.score) best = { name, score, predicted };
  }
  const fit = fitBest(values, best!.name, seasonLength);
  const closed = closedPeriods(values, options.horizon, seasonLength);
  return {
    model: modelNames[best!.name],
    points: intervals(fit, options.horizon).map((p, i) =>
      closed[i] ? { value: 0, lo80: 0, hi80: 0, lo95: 0, hi95: 0 } : p,
    ),
    backtest: { mase: best!.score, smape: smape(test, best!.predicted) },
  };
}
