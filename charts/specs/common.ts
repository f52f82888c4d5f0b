import type { TopLevelSpec } from "vega-lite";
import { axisFormat, unitSuffix } from "../format.js";
import { theme } from "../theme.js";
import type { ChartBase } from "../types.js";

export const WIDTH = 640;
export const HEIGHT = 300;

/** Shared frame of every chart: theme, title, and the footnote as a line of text under the plot. */
export function frame(base: ChartBase, body: Record<string, unknown>): TopLevelSpec {
  const title = base.subtitle
    ? { text: base.title, subtitle: base.subtitle }
    : { text: base.title };
  if (!base.footnote)
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      config: theme,
      title,
      ...body,
    } as unknown as TopLevelSpec;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: theme,
    title,
    vconcat: [
      body,
      {
        width: WIDTH,
        height: 16,
        data: { values: [{ text: base.footnote }] },
        mark: {
          type: "text",
          align: "left",
          baseline: "top",
          x: 0,
          y: 0,
          fontSize: 11,
          color: "#52606D",
          limit: WIDTH,
        },
        encoding: { text: { field: "text" } },
      },
    ],
  } as unknown as TopLevelSpec;
}

export const valueAxis = (base: ChartBase, title: string) => ({
  title: `${title}${unitSuffix(base.unit, base.currency)}`,
  format: axisFormat(base.unit),
});

/** Vega-lite time unit and axis label format of a grain. */
export function timeAxis(grain: string): { timeUnit: string; format: string } {
  switch (grain) {
    case "day":
      return { timeUnit: "utcyearmonthdate", format: "%d %b" };
    case "week":
      return { timeUnit: "utcyearmonthdate", format: "%d %b" };
    case "month":
      return { timeUnit: "utcyearmonth", format: "%b %Y" };
    case "quarter":
      return { timeUnit: "utcyearquarter", format: "Q%q %Y" };
    default:
      return { timeUnit: "utcyear", format: "%Y" };
  }
}
