import type { TopLevelSpec } from "vega-lite";
import type { ChartData } from "../types.js";
import { frame } from "./common.js";

type Cohort = Extract<ChartData, { kind: "cohort" }>;

/** Retention heatmap: signup month down, months since signup across, the share still active in each cell. */
export function cohortSpec(data: Cohort): TopLevelSpec {
  const values = data.cohorts.flatMap((c) =>
    c.retention.map((r, k) => ({
      cohort: `${c.cohort} (${c.size})`,
      month: k,
      retention: r,
      text: r === null ? "" : `${Math.round(r)}`,
    })),
  );
  const x = {
    field: "month",
    type: "ordinal",
    title: "Months since signup",
    axis: { labelAngle: 0 },
  };
  const y = { field: "cohort", type: "ordinal", title: "Signup month (customers)", sort: null };
  return frame(data, {
    width: { step: 36 },
    height: { step: 24 },
    data: { values },
    layer: [
      {
        mark: { type: "rect" },
        encoding: {
          x,
          y,
          color: {
            field: "retention",
            type: "quantitative",
            title: "% active",
            scale: { scheme: "blues", domain: [0, 100] },
          },
        },
      },
      {
        mark: { type: "text", fontSize: 10 },
        encoding: {
          x,
          y,
          text: { field: "text" },
          color: { condition: { test: "datum.retention > 60", value: "white" }, value: "#1F2933" },
        },
      },
    ],
  });
}
