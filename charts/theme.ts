/**
 * One look for every chart: legible at Slack and Telegram preview sizes,
 * Okabe-Ito colours (safe for colour-blind readers), an opaque white
 * background (a transparent PNG vanishes in dark mode) and bundled fonts.
 */
import type { Config } from "vega-lite";

export const palette = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#D55E00",
  "#CC79A7",
  "#56B4E9",
  "#F0E442",
  "#000000",
];
export const faint = "#9AA5B1";
export const fontFamily =
  "Noto Sans, Noto Sans Arabic, Noto Sans Armenian, Noto Sans Georgian, Noto Sans Ethiopic";

export const theme: Config = {
  background: "#FFFFFF",
  font: fontFamily,
  padding: 16,
  view: { stroke: null },
  title: {
    fontSize: 18,
    fontWeight: "bold",
    anchor: "start",
    color: "#1F2933",
    subtitleFontSize: 13,
    subtitleColor: "#52606D",
    offset: 12,
  },
  axis: {
    labelFontSize: 12,
    titleFontSize: 12,
    labelColor: "#3E4C59",
    titleColor: "#52606D",
    gridColor: "#E4E7EB",
    domainColor: "#CBD2D9",
    tickColor: "#CBD2D9",
  },
  legend: { labelFontSize: 12, titleFontSize: 12, orient: "bottom" },
  range: { category: palette },
  line: { strokeWidth: 3 },
  point: { size: 60 },
  bar: { color: palette[0] },
};
