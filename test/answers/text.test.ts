import { describe, expect, it } from "vitest";
import { answerText, changeText, footnote } from "../../src/answers/text.js";
import type { MetricResult } from "../../src/metrics/query.js";

const churn: MetricResult = {
  metric: "churn_rate",
  from: "2026-10-01",
  to: "2026-11-01",
  groupBy: null,
  grain: null,
  compare: "previous_period",
  unit: "percent",
  value: (63 / 1764) * 100,
  measures: { churned: 63, customers_at_start: 1764 },
  previous: { from: "2026-09-01", to: "2026-10-01", value: 4, measures: {} },
};

describe("answer text", () => {
  it("states the number, the range and the change in points for a percentage", () => {
    expect(answerText(churn, "EUR").text).toBe(
      "Churn rate in October 2026: 3.6%, down 0.4 pts from September 2026 (4.0%).",
    );
  });
  it("gives the formula with its numbers as a footnote", () => {
    expect(footnote(churn, "EUR")).toBe(
      "churned customers / customers at start of period: 63 / 1,764",
    );
  });
  it("gives money changes in percent", () => {
    const revenue: MetricResult = {
      ...churn,
      metric: "revenue",
      unit: "money",
      value: 1100,
      measures: { order_revenue: 1100 },
      previous: { ...churn.previous!, value: 1000 },
    };
    expect(changeText(revenue, "EUR")).toBe("up 10.0% from September 2026 (€1,000.00)");
    expect(footnote(revenue, "EUR")).toBe("sum of order amounts less refunds: €1,100.00");
  });
  it("explains no data by the zero denominator", () => {
    const empty: MetricResult = {
      ...churn,
      compare: null,
      previous: undefined,
      value: null,
      measures: {},
    };
    expect(answerText(empty, "EUR").text).toMatch(
      /No data for churn rate in October 2026: it divides by customers at start of period, which was 0/,
    );
  });
  it("names the top groups and summarises the rest", () => {
    const groups = ["a", "b", "c", "d", "e", "f", "g"].map((key, i) => ({
      key,
      value: 70 - i * 10,
      measures: {},
    }));
    const text = answerText(
      { ...churn, compare: null, previous: undefined, groupBy: "plan", groups },
      "EUR",
    ).text;
    expect(text).toContain(
      "By plan: a 70.0%, b 60.0%, c 50.0%, d 40.0%, e 30.0%; 2 more plan values not shown, among them the lowest g 10.0%.",
    );
  });
  it("shows a sixth group rather than one hidden behind a count", () => {
    const groups = ["a", "b", "c", "d", "e", "f"].map((key, i) => ({
      key,
      value: 60 - i * 10,
      measures: {},
    }));
    const text = answerText(
      { ...churn, compare: null, previous: undefined, groupBy: "plan", groups },
      "EUR",
    ).text;
    expect(text).toContain("e 20.0%, f 10.0%.");
  });
  it("the footnote writes each input in its own unit", () => {
    const aov = {
      ...churn,
      metric: "aov" as const,
      unit: "money" as const,
      value: 55.51,
      compare: null,
      previous: undefined,
      measures: { order_revenue: 180_741.95, order_count: 3_256 },
    };
    expect(answerText(aov, "EUR").footnote).toBe("revenue / orders: €180,741.95 / 3,256");
  });
  it("describes a series by its first, last, high, low and direction", () => {
    const series = [10, 20, 15, 40].map((value, i) => ({
      from: `2026-0${i + 1}-01`,
      to: `2026-0${i + 2}-01`,
      value,
    }));
    const text = answerText(
      {
        ...churn,
        metric: "orders",
        unit: "count",
        compare: null,
        previous: undefined,
        grain: "month",
        value: 85,
        series,
      },
      "EUR",
    ).text;
    expect(text).toContain(
      "Rising over 4 months: from 10 (Jan 2026) to 40 (Apr 2026); high 40 (Apr 2026), low 10 (Jan 2026).",
    );
  });
  it("says a period that has not ended apart, to date, and leaves it out of the trend", () => {
    const months = [100, 120, 140, 30].map((value, i) => ({
      from: `2026-${String(i + 8).padStart(2, "0")}-01`,
      to: i === 3 ? "2026-11-23" : `2026-${String(i + 9).padStart(2, "0")}-01`,
      value,
      ...(i === 3 ? { toDate: true as const } : {}),
    }));
    const text = answerText(
      {
        ...churn,
        metric: "orders",
        unit: "count",
        from: "2026-08-01",
        to: "2026-11-23",
        compare: null,
        previous: undefined,
        grain: "month",
        value: 390,
        series: months,
        toDate: true,
      },
      "EUR",
    ).text;
    expect(text).toBe(
      "Orders in 1 August - 22 November 2026 (to date): 390.\n" +
        "Rising over 3 full months: from 100 (Aug 2026) to 140 (Oct 2026); high 140 (Oct 2026), low 100 (Aug 2026). Nov 2026 to date: 30.",
    );
  });
  it("a daily series does not end on today's unfinished day", () => {
    const days = [50, 60, 0].map((value, i) => ({
      from: `2026-11-2${i + 7}`,
      to: `2026-11-${i + 28}`,
      value,
      ...(i === 2 ? { toDate: true as const } : {}),
    }));
    const text = answerText(
      {
        ...churn,
        metric: "revenue",
        unit: "money",
        from: "2026-11-27",
        to: "2026-11-30",
        compare: null,
        previous: undefined,
        grain: "day",
        value: 110,
        series: days,
        toDate: true,
      },
      "EUR",
    ).text;
    expect(text).toContain(
      "to €60.00 (28 Nov 2026); high €60.00 (28 Nov 2026), low €50.00 (27 Nov 2026).",
    );
    expect(text).toContain("29 Nov 2026 to date: €0.00.");
    expect(text).not.toContain("low €0.00");
  });
});
