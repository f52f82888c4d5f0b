/**
 * Charts for answers: a vega-lite spec per kind of answer, rendered to PNG in
 * process, with alt text and a text table. Imports nothing of Pulse's.
 */
import type { TopLevelSpec } from "vega-lite";
import { cachedRender } from "./cache.js";
import { altText, tableText } from "./describe.js";
import { renderPngOffThread, useRenderThreads } from "./pool.js";
import type { RenderOptions } from "./render.js";
import { samples } from "./samples.js";
import { breakdownSpec } from "./specs/breakdown.js";
import { cohortSpec } from "./specs/cohort.js";
import { driversSpec } from "./specs/drivers.js";
import { forecastSpec } from "./specs/forecast.js";
import { funnelSpec } from "./specs/funnel.js";
import { multiplesSpec } from "./specs/multiples.js";
import { seriesSpec } from "./specs/series.js";
import { surveySpec } from "./specs/survey.js";
import { valueSpec } from "./specs/value.js";
import type { ChartData } from "./types.js";

export { altText, tableText } from "./describe.js";
export { compileSpec, type Rendered, type RenderOptions, renderPng, renderSvg } from "./render.js";
export type { ChartBase, ChartData, ChartGrain, ChartPanel, ChartUnit } from "./types.js";

/** The vega-lite spec of a chart; pure. */
export function buildSpec(data: ChartData): TopLevelSpec {
  switch (data.kind) {
    case "value":
      return valueSpec(data);
    case "series":
      return seriesSpec(data);
    case "breakdown":
      return breakdownSpec(data);
    case "forecast":
      return forecastSpec(data);
    case "funnel":
      return funnelSpec(data);
    case "survey":
      return surveySpec(data);
    case "cohort":
      return cohortSpec(data);
    case "drivers":
      return driversSpec(data);
    case "multiples":
      return multiplesSpec(data);
  }
}

export async function renderChart(
  data: ChartData,
  options: RenderOptions = {},
): Promise<{ png: Buffer; width: number; height: number; altText: string; table: string }> {
  const rendered = await cachedRender(buildSpec(data), options, renderPngOffThread);
  return { ...rendered, altText: altText(data), table: tableText(data) };
}

/**
 * Turns on render threads for a server and has each draw one chart, so the
 * first question does not pay for starting a thread, loading fonts and
 * compiling vega (hundreds of milliseconds).
 */
export async function startRenderThreads(count?: number): Promise<void> {
  const threads = useRenderThreads(count);
  const spec = buildSpec(samples.series);
  await Promise.all(Array.from({ length: threads }, () => renderPngOffThread(spec)));
}
