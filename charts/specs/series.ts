import type { TopLevelSpec } from "vega-lite";
import { faint, palette } from "../theme.js";
import type { ChartData } from "../types.js";
import { frame, HEIGHT, timeAxis, valueAxis, WIDTH } from "./common.js";

type Series = Extract<ChartData, { kind: "series" }>;

/** A line (bars for counts) over time; the comparison period as a faint dashed line. */
export function seriesSpec(data: Series): TopLevelSpec {
  const { timeUnit, format } = timeAxis(data.grain);
  const bars = (data.style ?? (data.unit === "count" ? "bar" : "line")) === "bar";
  const values = data.points.map((p) => ({
    from: p.from,
    value: p.value,
    previous: p.previous ?? null,
  }));
  const x = {
    field: "from",
    type: bars ? "ordinal" : "temporal",
    timeUnit,
    title: null,
    axis: { format, labelAngle: 0, labelOverlap: true },
  };
  const y = { field: "value", type: "quantitative", axis: valueAxis(data, "") };
  const layers: Record<string, unknown>[] = [
    bars
      ? { mark: { type: "bar", color: palette[0], cornerRadiusEnd: 2 }, encoding: { x, y } }
      : {
          mark: { type: "line", color: palette[0], point: { filled: true, size: 40 } },
          encoding: { x, y },
        },
  ];
  if (data.points.some((p) => p.previous !== undefined)) {
    layers.push({
      mark: { type: "line", color: faint, strokeDash: [5, 4], strokeWidth: 2 },
      encoding: { x, y: { field: "previous", type: "quantitative" } },
    });
  }
  return frame(data, { width: WIDTH, height: HEIGHT, data: { values }, layer: layers });
}
