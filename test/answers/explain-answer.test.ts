/** The reply to "why did X change", from a hand-made explain result. */
import { describe, expect, it } from "vitest";
import { explainChartData, explainText } from "../../src/answers/explain-answer.js";
import type { ExplainResult } from "../../src/explain/explain.js";

const revenue: ExplainResult = {
  metric: "revenue",
  unit: "money",
  from: "2026-10-01",
  to: "2026-11-01",
  compare: "previous_period",
  previousRange: { from: "2026-09-01", to: "2026-10-01" },
  filters: [],
  change: { value: 180_741, previous: 139_152, delta: 41_589 },
  drivers: [
    { dimension: "plan", key: "pro", value: 90_000, previous: 69_860, delta: 20_140 },
    { dimension: "channel", key: "organic", value: 50_000, previous: 37_620, delta: 12_380 },
    { dimension: "country", key: "FI", value: 60_000, previous: 50_130, delta: 9_870 },
    { dimension: "category", key: "coffee", value: 10_000, previous: 16_450, delta: -6_450 },
  ],
};

describe("explain answer", () => {
  it("says the change and names the three largest drivers across dimensions", () => {
    expect(explainText(revenue, "EUR")).toBe(
      "Revenue rose €41,589 (+29.9%) in October 2026 from September 2026 (€139,152.00 to €180,741.00): plan pro +€20,140, channel organic +€12,380 and country FI +€9,870.",
    );
  });
  it("says first when the question's premise is wrong", () => {
    expect(explainText(revenue, "EUR", "drop")).toMatch(/^Revenue did not drop: it rose €41,589/);
    expect(explainText(revenue, "EUR", "rise")).toMatch(/^Revenue rose €41,589/);
  });
  it("gives a percentage's change in points", () => {
    const churn: ExplainResult = {
      ...revenue,
      metric: "churn_rate",
      unit: "percent",
      change: { value: 75, previous: 0, delta: 75 },
      drivers: [
        { dimension: "plan", key: "pro", value: 100, previous: 0, delta: 50 },
        { dimension: "plan", key: "basic", value: 50, previous: 0, delta: 25 },
      ],
    };
    expect(explainText(churn, "EUR")).toBe(
      "Churn rate rose 75.0 pts in October 2026 from September 2026 (0.0% to 75.0%): plan pro +50.0 pts and plan basic +25.0 pts.",
    );
  });
  it("a fall names negative drivers with a minus sign", () => {
    const fall: ExplainResult = {
      ...revenue,
      change: { value: 139_152, previous: 180_741, delta: -41_589 },
      drivers: [
        { dimension: "plan", key: "pro", value: 1, previous: 2, delta: -41_589 },
        { dimension: "plan", key: "basic", value: 1, previous: 1, delta: 0 },
      ],
    };
    expect(explainText(fall, "EUR", "rise")).toMatch(
      /^Revenue did not rise: it fell €41,589 \(−23\.0%\) .*: plan pro −€41,589\.$/,
    );
  });
  it("no data in the comparison range is said, not explained", () => {
    const none: ExplainResult = {
      ...revenue,
      metric: "clv",
      change: { value: 120, previous: null, delta: null },
      drivers: [],
    };
    expect(explainText(none, "EUR")).toBe(
      "No data for customer lifetime value in September 2026, so there is no change from September 2026 to explain.",
    );
  });
  it("an unchanged metric says so", () => {
    const flat = { ...revenue, change: { value: 5, previous: 5, delta: 0 }, drivers: [] };
    expect(explainText(flat, "EUR", "drop")).toBe(
      "Revenue did not drop: it was unchanged in October 2026 from September 2026 (€5.00).",
    );
  });
  it("the chart is a driver chart of every part, labelled by dimension and group", () => {
    const data = explainChartData(revenue, "EUR");
    expect(data).toMatchObject({ kind: "drivers", title: "Why revenue rose, October 2026" });
    expect(data.kind === "drivers" && data.drivers[3]).toEqual({
      label: "category coffee",
      delta: -6_450,
    });
  });
  it("a dimension of one group, which holds the whole change, is neither named nor drawn", () => {
    const nps: ExplainResult = {
      ...revenue,
      metric: "nps",
      unit: "score",
      change: { value: -2, previous: 5, delta: -7 },
      drivers: [
        { dimension: "kind", key: "nps", value: -2, previous: 5, delta: -7 },
        { dimension: "plan", key: "plus", value: -9, previous: 1, delta: -5 },
        { dimension: "plan", key: "pro", value: 3, previous: 5, delta: -2 },
      ],
    };
    expect(explainText(nps, "EUR")).toMatch(/: plan plus −5 and plan pro −2\.$/);
    const chart = explainChartData(nps, "EUR");
    expect(chart.kind === "drivers" && chart.drivers.map((d) => d.label)).toEqual([
      "plan plus",
      "plan pro",
    ]);
  });
});
