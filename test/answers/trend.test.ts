/** Trend words that match the numbers (questions.md v2, "series"). */
import { describe, expect, it } from "vitest";
import { answerText } from "../../src/answers/text.js";
import { isPartial, seriesTrend } from "../../src/answers/trend.js";
import { addDays } from "../../src/metrics/calendar.js";
import type { MetricResult, SeriesPoint } from "../../src/metrics/query.js";
import type { Grain } from "../../src/metrics/types.js";

/** Whole weeks from Monday 5 January 2026, one value each. */
const weeks = (values: number[]): SeriesPoint[] =>
  values.map((value, i) => ({
    from: addDays("2026-01-05", 7 * i),
    to: addDays("2026-01-05", 7 * (i + 1)),
    value,
  }));

/** The least-squares slope's total change over the series, by hand, for the check. */
function lineChange(values: number[]): number {
  const n = values.length;
  const mx = (n - 1) / 2;
  const my = values.reduce((a, b) => a + b, 0) / n;
  const num = values.reduce((a, y, x) => a + (x - mx) * (y - my), 0);
  const den = values.reduce((a, _, x) => a + (x - mx) ** 2, 0);
  return (num / den) * (n - 1);
}

const revenueSeries = (
  series: SeriesPoint[],
  grain: Grain,
  from: string,
  to: string,
): MetricResult => ({
  metric: "revenue",
  from,
  to,
  groupBy: null,
  grain,
  compare: null,
  unit: "money",
  value: 0,
  measures: {},
  series,
});

describe("trend words", () => {
  it("a weekly series that nearly tripled is rising, though its last weeks dip", () => {
    const values = Array.from({ length: 48 }, (_, i) => 18_000 + 700 * i + (i % 5) * 900);
    values[46] = 40_000;
    expect(seriesTrend(weeks(values), "week").word).toBe("rising");
  });
  it("a falling series with noise is falling; a noisy level one is flat", () => {
    const falling = Array.from({ length: 20 }, (_, i) => 500 - 12 * i + (i % 3) * 30);
    const level = Array.from({ length: 20 }, (_, i) => 500 + (i % 2 ? 40 : -40));
    expect(seriesTrend(weeks(falling), "week").word).toBe("falling");
    expect(seriesTrend(weeks(level), "week").word).toBe("flat");
  });
  it("agrees with the sign of the slope whenever the line moves 10% of the mean or more", () => {
    const cases = [
      [1, 2, 3, 4],
      [4, 3, 2, 1],
      [10, 10.2, 9.9, 10.1],
      [100, 50, 150, 20, 180],
      [5, 5, 5, 5, 6],
      [300, 280, 310, 260, 240, 250],
    ];
    for (const values of cases) {
      const change = lineChange(values);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const word = seriesTrend(weeks(values), "week").word;
      const expected = Math.abs(change) < 0.1 * mean ? "flat" : change > 0 ? "rising" : "falling";
      expect(word, values.join(",")).toBe(expected);
    }
  });
  it("a first period cut by the range and the current one are partial, left out of the line", () => {
    const series: SeriesPoint[] = [
      { from: "2026-01-01", to: "2026-01-05", value: 1 },
      ...weeks([100, 110, 120]),
      { from: "2026-01-26", to: "2026-02-02", value: 5, toDate: true },
    ];
    const trend = seriesTrend(series, "week");
    expect(trend.partial.map((p) => p.from)).toEqual(["2026-01-01", "2026-01-26"]);
    expect(trend.complete.map((p) => p.value)).toEqual([100, 110, 120]);
    expect(trend.word).toBe("rising");
    expect(isPartial(weeks([1])[0]!, "week")).toBe(false);
  });
  it("the text names partial weeks as partial and keeps them out of the high and the low", () => {
    const series: SeriesPoint[] = [
      { from: "2026-01-01", to: "2026-01-05", value: 1_000 },
      ...weeks([18_000, 30_000, 51_000]),
      { from: "2026-01-26", to: "2026-02-02", value: 9_000, toDate: true },
    ];
    const text = answerText(revenueSeries(series, "week", "2026-01-01", "2026-02-02"), "EUR").text;
    expect(text).toContain(
      "Rising over 3 full weeks: from €18,000.00 (5 Jan 2026) to €51,000.00 (19 Jan 2026); high €51,000.00 (19 Jan 2026), low €18,000.00 (5 Jan 2026).",
    );
    expect(text).toContain("The week of 1 Jan 2026, partial (1-4 January 2026): €1,000.00");
    expect(text).toContain("the week of 26 Jan 2026 to date: €9,000.00.");
  });
  it("a year by day is described by its trend line, not by its first and last day", () => {
    const days: SeriesPoint[] = Array.from({ length: 340 }, (_, i) => ({
      from: addDays("2026-01-01", i),
      to: addDays("2026-01-01", i + 1),
      value: 500 + 3 * i + (i % 7 === 6 ? -400 : 0),
    }));
    const text = answerText(revenueSeries(days, "day", "2026-01-01", "2026-12-07"), "EUR").text;
    expect(text).toMatch(
      /^.*\nRising over 340 days: the trend line runs from €[\d,.]+ to €[\d,.]+ a day; high /,
    );
  });
});
