import type { TopLevelSpec } from "vega-lite";
import { axisFormat, label, unitSuffix } from "../format.js";
import { faint, palette } from "../theme.js";
import type { ChartData, ChartPanel } from "../types.js";
import { frame, timeAxis, WIDTH } from "./common.js";

type Multiples = Extract<ChartData, { kind: "multiples" }>;

const COLUMNS = 2;
const PANEL_WIDTH = (WIDTH - 40) / COLUMNS;
const PANEL_HEIGHT = 140;

const panelAxis = (panel: ChartPanel) => ({ title: null, format: axisFormat(panel.unit) });

/** One metric's panel: its series, its groups, or its number, on an axis of its own unit. */
function panelSpec(panel: ChartPanel): Record<string, unknown> {
  // The unit goes in the panel's title ("Revenue (€)"): each panel has its own.
  const title = { text: `${panel.title}${unitSuffix(panel.unit, panel.currency)}`, fontSize: 14 };
  if (panel.points && panel.grain) {
    const { timeUnit, format } = timeAxis(panel.grain);
    const bars = panel.unit === "count";
    return {
      title,
      width: PANEL_WIDTH,
      height: PANEL_HEIGHT,
      data: { values: panel.points },
      mark: bars
        ? { type: "bar", color: palette[0], cornerRadiusEnd: 2 }
        : { type: "line", color: palette[0], point: { filled: true, size: 30 } },
      encoding: {
        x: {
          field: "from",
          type: bars ? "ordinal" : "temporal",
          timeUnit,
          title: null,
          axis: { format, labelAngle: 0, labelOverlap: true },
        },
        y: { field: "value", type: "quantitative", axis: panelAxis(panel) },
      },
    };
  }
  if (panel.groups) {
    const y = { field: "key", type: "nominal", sort: null, title: null, axis: { labelLimit: 90 } };
    return {
      title,
      width: PANEL_WIDTH - 100,
      height: { step: 20 },
      data: { values: panel.groups },
      mark: { type: "bar", color: palette[0], cornerRadiusEnd: 2 },
      encoding: { y, x: { field: "value", type: "quantitative", axis: panelAxis(panel) } },
    };
  }
  const before =
    panel.previous !== undefined
      ? `before: ${label(panel.previous, panel.unit, panel.currency)}`
      : "";
  return {
    title,
    width: PANEL_WIDTH,
    height: 70,
    data: { values: [{ value: label(panel.value, panel.unit, panel.currency), before }] },
    layer: [
      {
        mark: { type: "text", fontSize: 34, fontWeight: "bold", align: "left", x: 0, y: 24 },
        encoding: { text: { field: "value" } },
      },
      {
        mark: { type: "text", fontSize: 13, color: faint, align: "left", x: 0, y: 58 },
        encoding: { text: { field: "before" } },
      },
    ],
  };
}

/** Small multiples: one panel per metric, two to a row, each with its own axis and unit. */
export function multiplesSpec(data: Multiples): TopLevelSpec {
  const body = {
    columns: COLUMNS,
    concat: data.panels.map(panelSpec),
    resolve: { scale: { x: "independent", y: "independent" } },
  };
  return frame(data, body);
}
