/**
 * The trend of a series (questions.md v2, "series"): rising, falling or flat
 * from the least-squares line over the complete periods. A period cut short
 * (a first week that starts mid-week, the current period to date) is partial:
 * its value is not comparable, so it is left out of the line, the high and
 * the low, and named apart. Flat when the line's change over the range is
 * under 10% of the series' mean, else its direction.
 */
import { nextStart, startOf } from "../metrics/calendar.js";
import type { SeriesPoint } from "../metrics/query.js";
import type { Grain } from "../metrics/types.js";

export type TrendWord = "rising" | "falling" | "flat";

/** The line's change over the range, as a part of the mean, under which a series is flat. */
const FLAT = 0.1;

export type KnownPoint = SeriesPoint & { value: number };

export interface SeriesTrend {
  word: TrendWord;
  /** The complete periods with a value, in order: what the line, high and low are of. */
  complete: KnownPoint[];
  /** Periods cut short by the range or by today, in order. */
  partial: SeriesPoint[];
  /** The fitted line at the first and the last complete period (null under two of them). */
  line: { start: number; end: number } | null;
}

/** A period that does not cover its whole grain: clipped by the range, or not ended yet. */
export function isPartial(point: SeriesPoint, grain: Grain): boolean {
  if (point.toDate) return true;
  const start = startOf(point.from, grain);
  return point.from !== start || point.to !== nextStart(start, grain);
}

/** Least-squares fit of values at x = 0..n-1: the line's value at both ends. */
export function leastSquares(values: readonly number[]): { start: number; end: number } {
  const n = values.length;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  const slope = num / den;
  return { start: meanY - slope * meanX, end: meanY + slope * meanX };
}

export function seriesTrend(series: readonly SeriesPoint[], grain: Grain): SeriesTrend {
  const partial = series.filter((p) => isPartial(p, grain));
  const complete = series.filter((p): p is KnownPoint => !isPartial(p, grain) && p.value !== null);
  if (complete.length < 2) return { word: "flat", complete, partial, line: null };
  const values = complete.map((p) => p.value);
  const line = leastSquares(values);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const change = line.end - line.start;
  const word: TrendWord =
    Math.abs(change) < FLAT * Math.abs(mean) || change === 0
      ? "flat"
      : change > 0
        ? "rising"
        : "falling";
  return { word, complete, partial, line };
}
