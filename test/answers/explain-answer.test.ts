/** The reply to "why did X change", from a hand-made explain result. */
import { describe, expect, it } from "vitest";
import { explainChartData, explainText } from "../../src/answers/explain-answer.js";
import type { Driver, ExplainResult } from "../../src/explain/explain.js";

/** A driver with its expected part and excess worked out from its share of the base. */
function driver(
  d: Pick<Driver, "dimension" | "key" | "value" | "previous" | "delta" | "shareOfBase">,
  whole: number,
  significant = true,
): Driver {
  const expected = d.shareOfBase * whole;
  return {
    ...d,
    expected,
    excess: d.delta - expected,
    shareOfChange: d.delta / whole,
    unusual: significant ? 6 : 1,
    significant,
  };
}

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
    driver(
      {
        dimension: "channel",
        key: "ads",
        value: 50_000,
        previous: 25_000,
        delta: 25_000,
        shareOfBase: 0.18,
      },
      41_589,
    ),
    driver(
      {
        dimension: "plan",
        key: "pro",
        value: 90_000,
        previous: 69_860,
        delta: 20_140,
        shareOfBase: 0.5,
      },
      41_589,
    ),
    driver(
      {
        dimension: "country",
        key: "FI",
        value: 60_000,
        previous: 50_130,
        delta: 9_870,
        shareOfBase: 0.36,
      },
      41_589,
      false,
    ),
    driver(
      {
        dimension: "category",
        key: "coffee",
        value: 10_000,
        previous: 16_450,
        delta: -6_450,
        shareOfBase: 0.12,
      },
      41_589,
      false,
    ),
  ],
  leftOut: ["segment", "engagement"],
  history: { periods: 12, grain: "month" },
};

describe("explain answer", () => {
  it("names the drivers that stand out, each with its size, share of the change and share of the base", () => {
    expect(explainText(revenue, "EUR")).toBe(
      "Revenue rose €41,589 (+29.9%) in October 2026 from September 2026 (€139,152.00 to €180,741.00): channel ads +€25,000, 60% of the rise, from 18% of revenue and plan pro +€20,140, 48% of the rise, from 50% of revenue.",
    );
  });
  it("says first when the question's premise is wrong", () => {
    expect(explainText(revenue, "EUR", "drop")).toMatch(/^Revenue did not drop: it rose €41,589/);
    expect(explainText(revenue, "EUR", "rise")).toMatch(/^Revenue rose €41,589/);
  });
  it("when nothing stands out, the change is within normal variation and no driver is named", () => {
    const calm = {
      ...revenue,
      drivers: revenue.drivers.map((d) => ({ ...d, significant: false })),
    };
    expect(explainText(calm, "EUR")).toBe(
      "Revenue rose €41,589 (+29.9%) in October 2026 from September 2026 (€139,152.00 to €180,741.00), within normal variation: no group's change stands out against the 12 months before.",
    );
  });
  it("with too little history, says so and gives the largest departures without calling them drivers", () => {
    const young = {
      ...revenue,
      drivers: revenue.drivers.map((d) => ({ ...d, significant: false })),
      history: { periods: 1, grain: "month" },
    };
    expect(explainText(young, "EUR")).toMatch(
      /\. Too little history to tell whether any group stands out; the largest departures from a proportional change: channel ads/,
    );
  });
  it("gives a rate's drivers in points, with the rate and mix effects apart", () => {
    const churn: ExplainResult = {
      ...revenue,
      metric: "churn_rate",
      unit: "percent",
      change: { value: 75, previous: 0, delta: 75 },
      drivers: [
        {
          ...driver(
            {
              dimension: "plan",
              key: "pro",
              value: 100,
              previous: 0,
              delta: 43.75,
              shareOfBase: 5 / 12,
            },
            75,
          ),
          rateEffect: 41.67,
          mixEffect: 2.08,
        },
      ],
    };
    expect(explainText(churn, "EUR")).toBe(
      "Churn rate rose 75.0 pts in October 2026 from September 2026 (0.0% to 75.0%): plan pro +43.8 pts (rate +41.7 pts, mix +2.1 pts), 58% of the rise, from 42% of customers at start of period.",
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
  it("the chart is a driver chart of every part; its footnote names the dimensions left out", () => {
    const data = explainChartData(revenue, "EUR");
    expect(data).toMatchObject({ kind: "drivers", title: "Why revenue rose, October 2026" });
    expect(data.kind === "drivers" && data.drivers[3]).toEqual({
      label: "category coffee",
      delta: -6_450,
    });
    expect(data.footnote).toMatch(/Left out: segment and engagement, computed from revenue itself/);
  });
  it("a dimension of one group, which holds the whole change, is neither named nor drawn", () => {
    const nps: ExplainResult = {
      ...revenue,
      metric: "nps",
      unit: "score",
      change: { value: -2, previous: 5, delta: -7 },
      drivers: [
        driver(
          { dimension: "kind", key: "nps", value: -2, previous: 5, delta: -7, shareOfBase: 1 },
          -7,
        ),
        driver(
          { dimension: "plan", key: "plus", value: -9, previous: 1, delta: -5, shareOfBase: 0.2 },
          -7,
        ),
        driver(
          { dimension: "plan", key: "pro", value: 3, previous: 5, delta: -2, shareOfBase: 0.8 },
          -7,
          false,
        ),
      ],
      leftOut: [],
    };
    expect(explainText(nps, "EUR")).toMatch(
      /: plan plus −5, 71% of the drop, from 20% of NPS responses\.$/,
    );
    const chart = explainChartData(nps, "EUR");
    expect(chart.kind === "drivers" && chart.drivers.map((d) => d.label)).toEqual([
      "plan plus",
      "plan pro",
    ]);
  });
});
