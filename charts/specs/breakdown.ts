import type { TopLevelSpec } from "vega-lite";
import { label } from "../format.js";
import { palette } from "../theme.js";
import type { ChartData } from "../types.js";
import { frame, valueAxis, WIDTH } from "./common.js";

type Breakdown = Extract<ChartData, { kind: "breakdown" }>;

/** Bars shown one by one; the rest are summed into "other" where values add up (counts, money). */
export const TOP_BARS = 10;

export function breakdownRows(
  data: Breakdown,
): { key: string; value: number | null; text: string }[] {
  const sorted = [...data.groups].sort(
    (a, b) => (b.value ?? Number.NEGATIVE_INFINITY) - (a.value ?? Number.NEGATIVE_INFINITY),
  );
  // One bar more beats an "other (1)" bar that hides a name.
  const shown = sorted.length === TOP_BARS + 1 ? TOP_BARS + 1 : TOP_BARS;
  const head = sorted.slice(0, shown);
  const tail = sorted.slice(shown);
  const additive = data.unit === "count" || data.unit === "money";
  if (tail.length > 0 && additive) {
    head.push({
      key: `other (${tail.length})`,
      value: tail.reduce((sum, g) => sum + (g.value ?? 0), 0),
    });
  }
  return head.map((g) => ({
    key: g.key,
    value: g.value,
    text: label(g.value, data.unit, data.currency),
  }));
}

/** Sorted horizontal bars with their values written beside them. */
export function breakdownSpec(data: Breakdown): TopLevelSpec {
  const rows = breakdownRows(data);
  const hidden = data.groups.length - rows.length;
  const y = { field: "key", type: "nominal", sort: null, title: null, axis: { labelLimit: 220 } };
  // Negative bars grow left; their labels go left of the bar's end, with room kept for them.
  const lowest = Math.min(0, ...rows.map((r) => r.value ?? 0));
  const highest = Math.max(0, ...rows.map((r) => r.value ?? 0));
  const room = (highest - lowest) / 4;
  const x = {
    field: "value",
    type: "quantitative",
    axis: { ...valueAxis(data, ""), title: null },
    ...(lowest < 0
      ? { scale: { domain: [lowest - room, highest + (highest > 0 ? room : 0)] } }
      : {}),
  };
  const text = (negative: boolean) => ({
    transform: [{ filter: negative ? "datum.value < 0" : "!(datum.value < 0)" }],
    mark: {
      type: "text",
      align: negative ? "right" : "left",
      dx: negative ? -5 : 5,
      fontSize: 12,
      color: "#1F2933",
    },
    encoding: { y, x, text: { field: "text" } },
  });
  return frame(
    {
      ...data,
      subtitle:
        data.subtitle ??
        (hidden > 0
          ? `Top ${rows.length} of ${data.groups.length} by ${data.dimension}`
          : undefined),
    },
    {
      width: WIDTH - 200,
      height: { step: 26 },
      data: { values: rows },
      layer: [
        { mark: { type: "bar", color: palette[0], cornerRadiusEnd: 3 }, encoding: { y, x } },
        text(false),
        text(true),
      ],
    },
  );
}
