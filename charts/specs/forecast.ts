import type { TopLevelSpec } from "vega-lite";
import { palette } from "../theme.js";
import type { ChartData } from "../types.js";
import { frame, HEIGHT, timeAxis, valueAxis, WIDTH } from "./common.js";

type Forecast = Extract<ChartData, { kind: "forecast" }>;

/** History, the forecast as a dashed line, and its 80% and 95% interval bands. */
export function forecastSpec(data: Forecast): TopLevelSpec {
  const { timeUnit, format } = timeAxis(data.grain);
  const x = {
    field: "from",
    type: "temporal",
    timeUnit,
    title: null,
    axis: { format, labelOverlap: true },
  };
  const y = { type: "quantitative", axis: valueAxis(data, "") };
  const last = data.history[data.history.length - 1];
  // The forecast line starts at the last actual value so the two lines meet.
  const ahead = last
    ? [
        {
          from: last.from,
          value: last.value,
          lo80: last.value,
          hi80: last.value,
          lo95: last.value,
          hi95: last.value,
        },
        ...data.forecast,
      ]
    : data.forecast;
  return frame(data, {
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: ahead },
        mark: { type: "area", color: palette[0], opacity: 0.12 },
        encoding: { x, y: { ...y, field: "lo95" }, y2: { field: "hi95" } },
      },
      {
        data: { values: ahead },
        mark: { type: "area", color: palette[0], opacity: 0.22 },
        encoding: { x, y: { ...y, field: "lo80" }, y2: { field: "hi80" } },
      },
      {
        data: { values: data.history },
        mark: { type: "line", color: "#1F2933", strokeWidth: 2.5 },
        encoding: { x, y: { ...y, field: "value" } },
      },
      {
        data: { values: ahead },
        mark: { type: "line", color: palette[0], strokeDash: [6, 4], strokeWidth: 2.5 },
        encoding: { x, y: { ...y, field: "value" } },
      },
    ],
  });
}
