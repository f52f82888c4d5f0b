import { describe, expect, it } from "vitest";
import {
  forecastSeries,
  InsufficientHistoryError,
  mase,
  seasonalNaive,
} from "../../src/forecast/forecast.js";

/** 60 months: level 100, +2 a month, a ±20 season of 12, and a little seeded noise. */
function synthetic(n = 60): number[] {
  let seed = 7;
  const noise = () => {
    seed = (seed * 16807) % 2147483647;
    return (seed / 2147483647 - 0.5) * 4;
  };
  return Array.from(
    { length: n },
    (_, t) => 100 + 2 * t + 20 * Math.sin((2 * Math.PI * t) / 12) + noise(),
  );
}

describe("forecasts", () => {
  it("recover a known trend and seasonality", () => {
    const series = synthetic(72);
    const result = forecastSeries(series.slice(0, 60), { horizon: 12, seasonLength: 12 });
    const truth = series.slice(60);
    expect(result.model).toMatch(/Holt-Winters/);
    expect(
      mase(
        truth,
        result.points.map((p) => p.value),
        series.slice(0, 60),
        12,
      ),
    ).toBeLessThan(0.7);
  });
  it("beat the seasonal naive forecast on a trending seasonal series", () => {
    const series = synthetic(72);
    const history = series.slice(0, 60);
    const truth = series.slice(60);
    const ours = mase(
      truth,
      forecastSeries(history, { horizon: 12, seasonLength: 12 }).points.map((p) => p.value),
      history,
      12,
    );
    const naive = mase(truth, seasonalNaive(history, 12, 12), history, 12);
    expect(ours).toBeLessThan(naive);
  });
  it("intervals contain the point, 95% outside 80%, and widen with the horizon", () => {
    const { points } = forecastSeries(synthetic(), { horizon: 6, seasonLength: 12 });
    for (const p of points)
      expect(p.lo95 <= p.lo80 && p.lo80 <= p.value && p.value <= p.hi80 && p.hi80 <= p.hi95).toBe(
        true,
      );
    const widths = points.map((p) => p.hi80 - p.lo80);
    for (let i = 1; i < widths.length; i++)
      expect(widths[i]!).toBeGreaterThanOrEqual(widths[i - 1]! - 1e-9);
  });
  it("too little history is a clear error, not a fantasy", () => {
    expect(() => forecastSeries([1, 2, 3], { horizon: 3 })).toThrow(InsufficientHistoryError);
    expect(() => forecastSeries([1, 2, 3], { horizon: 3 })).toThrow(
      /at least 7 periods of history; there are 3/,
    );
  });
  it("reports the model and its backtest error", () => {
    const result = forecastSeries(synthetic(), { horizon: 3, seasonLength: 12 });
    expect(result.backtest!.mase).toBeGreaterThanOrEqual(0);
    expect(result.model.length).toBeGreaterThan(5);
  });

  it("forecasts a period that was zero in each of the last seasons as zero: a shop closed on Saturdays", () => {
    // 20 weeks of days starting on a Monday; Saturdays (index 5 of each week) took nothing.
    const days = Array.from({ length: 140 }, (_, t) =>
      t % 7 === 5 ? 0 : 100 + (t % 7) * 10 + (t % 3),
    );
    const result = forecastSeries(days, { horizon: 14, seasonLength: 7 });
    const saturdays = result.points.filter((_, i) => (140 + i) % 7 === 5);
    expect(saturdays).toEqual([
      { value: 0, lo80: 0, hi80: 0, lo95: 0, hi95: 0 },
      { value: 0, lo80: 0, hi80: 0, lo95: 0, hi95: 0 },
    ]);
    expect(result.points.filter((_, i) => (140 + i) % 7 !== 5).every((p) => p.value > 50)).toBe(
      true,
    );
  });

  it("a zero that is not in every recent season is forecast as usual", () => {
    const days = Array.from({ length: 140 }, (_, t) => (t === 131 ? 0 : 100 + (t % 7) * 10));
    const result = forecastSeries(days, { horizon: 7, seasonLength: 7 });
    expect(result.points.every((p) => p.value > 50)).toBe(true);
  });
});
