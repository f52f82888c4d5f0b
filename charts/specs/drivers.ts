import type { TopLevelSpec } from "vega-lite";
import { label } from "../format.js";
import { palette } from "../theme.js";
import type { ChartData } from "../types.js";
import { frame, valueAxis, WIDTH } from "./common.js";

type Drivers = Extract<ChartData, { kind: "drivers" }>;

/** The largest parts of a change drawn; the rest are in the table. */
export const TOP_DRIVERS = 10;

/** A signed label: "+€20,140", "−3.0%" (a real minus sign, readable at small sizes). */
export const signedLabel = (delta: number, data: Drivers): string =>
  `${delta > 0 ? "+" : delta < 0 ? "−" : ""}${label(Math.abs(delta), data.unit, data.currency)}`;

export function driverRows(data: Drivers): { key: string; delta: number; text: string }[] {
  return [...data.drivers]
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
    .slice(0, TOP_DRIVERS)
    .map((d) => ({ key: d.label, delta: d.delta, text: signedLabel(d.delta, data) }));
}

/**
 * Diverging bars from zero, one per part of the change, largest first:
 * rises to the right, falls to the left, each with its signed value written
 * beyond the bar's end (left of a fall), with room kept on both sides for it.
 */
export function driversSpec(data: Drivers): TopLevelSpec {
  const rows = driverRows(data);
  const extent = Math.max(...rows.map((r) => Math.abs(r.delta)), 1e-9);
  const low = Math.min(0, ...rows.map((r) => r.delta));
  const high = Math.max(0, ...rows.map((r) => r.delta));
  // Label room: a third of the largest bar on each side that has bars.
  const domain = [low < 0 ? low - extent / 3 : 0, high > 0 ? high + extent / 3 : 0];
  const y = { field: "key", type: "nominal", sort: null, title: null, axis: { labelLimit: 200 } };
  const x = {
    field: "delta",
    type: "quantitative",
    scale: { domain, nice: false },
    axis: { ...valueAxis(data, ""), title: null },
  };
  const change = data.change
    ? `from ${label(data.change.previous, data.unit, data.currency)} to ${label(data.change.value, data.unit, data.currency)}`
    : undefined;
  const text = (sign: "rise" | "fall") => ({
    transform: [{ filter: sign === "rise" ? "datum.delta >= 0" : "datum.delta < 0" }],
    mark: {
      type: "text",
      align: sign === "rise" ? "left" : "right",
      dx: sign === "rise" ? 5 : -5,
      fontSize: 12,
      color: "#1F2933",
    },
    encoding: { y, x, text: { field: "text" } },
  });
  return frame(
    { ...data, subtitle: data.subtitle ?? change },
    {
      width: WIDTH - 200,
      height: { step: 26 },
      data: { values: rows },
      layer: [
        {
          mark: { type: "bar", cornerRadiusEnd: 3 },
          encoding: {
            y,
            x,
            color: {
              condition: { test: "datum.delta < 0", value: palette[3] },
              value: palette[0],
            },
          },
        },
        { mark: { type: "rule", color: "#52606D" }, encoding: { x: { datum: 0 } } },
        text("rise"),
        text("fall"),
      ],
    },
  );
}
