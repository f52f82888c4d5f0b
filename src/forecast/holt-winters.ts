/**
 * Exponential smoothing of the ETS family with additive errors: simple
 * (level), Holt with a damped trend, and Holt-Winters with a damped trend and
 * additive seasonality. Parameters are fitted by a grid search on the
 * one-step-ahead squared error (deterministic, no optimiser to tune).
 */

export interface SmoothingModel {
  name: "simple" | "holt-damped" | "holt-winters-damped";
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  seasonLength: number;
}

export interface Fit {
  model: SmoothingModel;
  /** One-step-ahead errors over the fitted part of the series. */
  residuals: number[];
  /** Point forecasts for 1..horizon steps ahead. */
  forecast: (horizon: number) => number[];
}

/** Runs the recursions; returns the one-step errors and the final state. */
function run(values: number[], m: SmoothingModel) {
  const s = m.seasonLength;
  const seasonal = s > 1;
  // Initial state from the first season (or the first two points without one).
  const first = seasonal ? values.slice(0, s) : values.slice(0, 2);
  let level = first.reduce((a, b) => a + b, 0) / first.length;
  let trend = 0;
  if (m.name !== "simple") {
    trend =
      seasonal && values.length >= 2 * s
        ? (values.slice(s, 2 * s).reduce((a, b) => a + b, 0) -
            values.slice(0, s).reduce((a, b) => a + b, 0)) /
          (s * s)
        : values[1]! - values[0]!;
  }
  const season = seasonal ? values.slice(0, s).map((v) => v - level) : [];
  const residuals: number[] = [];
  const start = seasonal ? s : 1;
  for (let t = start; t < values.length; t++) {
    const sIndex = seasonal ? t % s : 0;
    const seasonTerm = seasonal ? season[sIndex]! : 0;
    const predicted = level + m.phi * trend + seasonTerm;
    const error = values[t]! - predicted;
    residuals.push(error);
    const previousLevel = level;
    level = previousLevel + m.phi * trend + m.alpha * error;
    if (m.name !== "simple") trend = m.phi * trend + m.alpha * m.beta * error;
    if (seasonal) season[sIndex] = seasonTerm + m.gamma * error;
  }
  return { residuals, level, trend, season, n: values.length };
}

export function fitModel(values: number[], model: SmoothingModel): Fit {
  const state = run(values, model);
  return {
    model,
    residuals: state.residuals,
    forecast: (horizon) =>
      Array.from({ length: horizon }, (_, i) => {
        const h = i + 1;
        let damp = 0;
        for (let j = 1; j <= h; j++) damp += model.phi ** j;
        const seasonTerm =
          model.seasonLength > 1 ? state.season[(state.n + i) % model.seasonLength]! : 0;
        return state.level + damp * state.trend + seasonTerm;
      }),
  };
}

const grid = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9];
const dampings = [0.8, 0.9, 0.98];

const sse = (residuals: number[]) => residuals.reduce((a, e) => a + e * e, 0);

/** The best parameters of one model kind by one-step squared error. */
export function fitBest(values: number[], name: SmoothingModel["name"], seasonLength: number): Fit {
  let best: Fit | null = null;
  let bestError = Number.POSITIVE_INFINITY;
  const season = name === "holt-winters-damped" ? seasonLength : 1;
  for (const alpha of grid) {
    for (const beta of name === "simple" ? [0] : [0.05, 0.1, 0.2]) {
      for (const gamma of season > 1 ? [0.05, 0.1, 0.3] : [0]) {
        for (const phi of name === "simple" ? [1] : dampings) {
          const fit = fitModel(values, { name, alpha, beta, gamma, phi, seasonLength: season });
          const error = sse(fit.residuals) / Math.max(1, fit.residuals.length);
          if (error < bestError) {
            bestError = error;
            best = fit;
          }
        }
      }
    }
  }
  return best!;
}
