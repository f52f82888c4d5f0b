import type { TopLevelSpec } from "vega-lite";
import { palette } from "../theme.js";
import type { ChartData } from "../types.js";
import { frame, WIDTH } from "./common.js";

type Funnel = Extract<ChartData, { kind: "funnel" }>;

/** Deals by stage, in pipeline order, each labelled with its count and the conversion from the stage before. */
export function funnelSpec(data: Funnel): TopLevelSpec {
  const values = data.stages.map((s, i) => {
    const before = i > 0 ? data.stages[i - 1]!.count : null;
    const conversion = before
      ? ` (${((s.count / before) * 100).toFixed(0)}% of ${data.stages[i - 1]!.stage})`
      : "";
    return {
      stage: s.stage,
      count: s.count,
      text: `${s.count.toLocaleString("en-US")}${conversion}`,
    };
  });
  const y = { field: "stage", type: "nominal", sort: null, title: null };
  return frame(data, {
    width: WIDTH - 220,
    height: { step: 30 },
    data: { values },
    layer: [
      {
        mark: { type: "bar", color: palette[2], cornerRadiusEnd: 3 },
        encoding: { y, x: { field: "count", type: "quantitative", title: "Deals" } },
      },
      {
        mark: { type: "text", align: "left", dx: 5, fontSize: 12 },
        encoding: { y, x: { field: "count", type: "quantitative" }, text: { field: "text" } },
      },
    ],
  });
}
