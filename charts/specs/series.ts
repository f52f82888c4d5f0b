import type { TopLevelSpec } from "vega-lite";
import { faint, palette } from "../theme.js";
import type { ChartData } from "../types.js";
import { frame, HEIGHT, timeAxis, valueAxis, WIDTH } from "./common.js";

type Series = Extract<ChartData, { kind: "series" }>;

/**
 * A line (bars for counts) over time; the comparison period as a faint dashed
 * line. A period that has not ended (today's day, this month) is drawn faint,
 * joined by a dashed line and marked "to date", so a partial bar never reads as a fall.
 */
export function seriesSpec(data: Series): TopLevelSpec {
  const { timeUnit, format } = timeAxis(data.grain);
  const bars = (data.style ?? (data.unit === "count" ? "bar" : "line")) === "bar";
  const lastComplete = data.points.findLastIndex((p) => !p.toDate);
  const values = data.points.map((p, i) => ({
    from: p.from,
    value: p.value,
    previous: p.previous ?? null,
    toDate: p.toDate === true,
    // The dashed tail: the last whole period and the ones to date.
    tail: p.toDate === true || (i === lastComplete && data.points.some((q) => q.toDate)),
  }));
  const x = {
    field: "from",
    type: bars ? "ordinal" : "temporal",
    timeUnit,
    title: null,
    axis: { format, labelAngle: 0, labelOverlap: true },
  };
  const y = { field: "value", type: "quantitative", axis: valueAxis(data, "") };
  const partial = values.some((v) => v.toDate);
  const layers: Record<string, unknown>[] = bars
    ? [
        {
          mark: { type: "bar", color: palette[0], cornerRadiusEnd: 2 },
          encoding: {
            x,
            y,
            opacity: { condition: { test: "datum.toDate", value: 0.35 }, value: 1 },
          },
        },
      ]
    : [
        {
          transform: [{ filter: "!datum.toDate" }],
          mark: { type: "line", color: palette[0], point: { filled: true, size: 40 } },
          encoding: { x, y },
        },
        ...(partial
          ? [
              {
                transform: [{ filter: "datum.tail" }],
                mark: { type: "line", color: palette[0], strokeDash: [4, 4], opacity: 0.6 },
                encoding: { x, y },
              },
              {
                transform: [{ filter: "datum.toDate" }],
                mark: { type: "point", color: palette[0], filled: false, size: 60, strokeWidth: 2 },
                encoding: { x, y },
              },
            ]
          : []),
      ];
  if (partial) {
    layers.push({
      transform: [{ filter: "datum.toDate" }],
      mark: { type: "text", dy: -12, fontSize: 11, color: "#52606D", text: "to date" },
      encoding: { x, y },
    });
  }
  if (data.points.some((p) => p.previous !== undefined)) {
    layers.push({
      mark: { type: "line", color: faint, strokeDash: [5, 4], strokeWidth: 2 },
      encoding: { x, y: { field: "previous", type: "quantitative" } },
    });
  }
  return frame(data, { width: WIDTH, height: HEIGHT, data: { values }, layer: layers });
}
