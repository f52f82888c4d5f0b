import type { TopLevelSpec } from "vega-lite";
import { palette } from "../theme.js";
import type { ChartData } from "../types.js";
import { frame, WIDTH } from "./common.js";

type Survey = Extract<ChartData, { kind: "survey" }>;

const npsGroup = (score: number) =>
  score <= 6 ? "detractors (0-6)" : score <= 8 ? "passives (7-8)" : "promoters (9-10)";

/** NPS as detractors / passives / promoters stacked; CSAT and CES as a histogram of scores. */
export function surveySpec(data: Survey): TopLevelSpec {
  if (data.survey === "nps") {
    const order = ["detractors (0-6)", "passives (7-8)", "promoters (9-10)"];
    const totals = new Map<string, number>(order.map((g) => [g, 0]));
    for (const c of data.counts)
      totals.set(npsGroup(c.score), (totals.get(npsGroup(c.score)) ?? 0) + c.count);
    const all = [...totals.values()].reduce((a, b) => a + b, 0) || 1;
    const values = order.map((group, i) => ({
      group,
      order: i,
      share: (totals.get(group)! / all) * 100,
      n: totals.get(group)!,
    }));
    return frame(data, {
      width: WIDTH,
      height: 70,
      data: { values },
      layer: [
        {
          mark: { type: "bar" },
          encoding: {
            x: {
              field: "share",
              type: "quantitative",
              stack: "zero",
              title: "Share of responses (%)",
              scale: { domain: [0, 100] },
            },
            color: {
              field: "group",
              type: "nominal",
              sort: order,
              scale: { domain: order, range: [palette[3], "#CBD2D9", palette[2]] },
              title: null,
            },
            order: { field: "order" },
          },
        },
      ],
    });
  }
  const max = data.survey === "csat" ? 5 : 7;
  const values = Array.from({ length: max }, (_, i) => ({
    score: String(i + 1),
    count: data.counts.find((c) => c.score === i + 1)?.count ?? 0,
  }));
  return frame(data, {
    width: WIDTH,
    height: 260,
    data: { values },
    mark: { type: "bar", color: palette[0], cornerRadiusEnd: 2 },
    encoding: {
      x: {
        field: "score",
        type: "ordinal",
        title:
          data.survey === "csat"
            ? "Score (1 = very unsatisfied, 5 = very satisfied)"
            : "Score (1 = very hard, 7 = very easy)",
        axis: { labelAngle: 0 },
      },
      y: { field: "count", type: "quantitative", title: "Responses" },
    },
  });
}
