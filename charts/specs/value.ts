import type { TopLevelSpec } from "vega-lite";
import { label } from "../format.js";
import { palette } from "../theme.js";
import type { ChartData } from "../types.js";
import { frame, WIDTH } from "./common.js";

type Value = Extract<ChartData, { kind: "value" }>;

/** The big number, its change against the previous period, and a 12-point sparkline. */
export function valueSpec(data: Value): TopLevelSpec {
  const change =
    data.previous !== undefined && data.previous !== null && data.value !== null
      ? changeLine(data)
      : data.previousLabel
        ? `no data for ${data.previousLabel}`
        : "";
  const rows: Record<string, unknown>[] = [
    {
      width: WIDTH,
      height: 64,
      data: { values: [{ text: label(data.value, data.unit, data.currency) }] },
      mark: {
        type: "text",
        align: "left",
        baseline: "middle",
        x: 0,
        y: 32,
        fontSize: 52,
        fontWeight: "bold",
        color: "#1F2933",
      },
      encoding: { text: { field: "text" } },
    },
  ];
  if (change) {
    rows.push({
      width: WIDTH,
      height: 22,
      data: { values: [{ text: change }] },
      mark: {
        type: "text",
        align: "left",
        baseline: "middle",
        x: 0,
        y: 11,
        fontSize: 15,
        color: "#52606D",
      },
      encoding: { text: { field: "text" } },
    });
  }
  const points = (data.sparkline ?? []).filter((p) => p.value !== null);
  if (points.length >= 2) {
    rows.push({
      width: WIDTH,
      height: 70,
      data: { values: points },
      layer: [
        {
          mark: { type: "area", color: palette[0], opacity: 0.12, interpolate: "monotone" },
          encoding: {
            x: { field: "from", type: "temporal", axis: null },
            y: { field: "value", type: "quantitative", axis: null, scale: { zero: false } },
          },
        },
        {
          mark: { type: "line", color: palette[0], strokeWidth: 2.5, interpolate: "monotone" },
          encoding: {
            x: { field: "from", type: "temporal", axis: null },
            y: { field: "value", type: "quantitative", axis: null, scale: { zero: false } },
          },
        },
        {
          transform: [
            { window: [{ op: "row_number", as: "n" }] },
            { filter: `datum.n == ${points.length}` },
          ],
          mark: { type: "point", filled: true, color: palette[0], size: 50 },
          encoding: {
            x: { field: "from", type: "temporal" },
            y: { field: "value", type: "quantitative" },
          },
        },
      ],
    });
  }
  return frame(data, { vconcat: rows, spacing: 6 });
}

function changeLine(data: Value): string {
  const value = data.value!;
  const previous = data.previous!;
  const delta = value - previous;
  // Words, not arrow glyphs: they read the same in every font and to screen readers.
  const arrow = delta > 0 ? "up" : delta < 0 ? "down" : "unchanged,";
  const when = data.previousLabel ? ` vs ${data.previousLabel}` : "";
  if (data.unit === "percent")
    return `${arrow} ${Math.abs(delta).toFixed(1)} pts${when} (${label(previous, data.unit)})`;
  if (previous === 0) return `${arrow} from 0${when}`;
  return `${arrow} ${Math.abs((delta / Math.abs(previous)) * 100).toFixed(1)}%${when} (${label(previous, data.unit, data.currency)})`;
}
