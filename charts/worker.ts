/** A rendering thread: takes specs, returns PNGs, so the event loop that answers chat platforms stays free. */
import { parentPort } from "node:worker_threads";
import type { TopLevelSpec } from "vega-lite";
import { type RenderOptions, renderPng } from "./render.js";

parentPort?.on(
  "message",
  async (job: { id: number; spec: TopLevelSpec; options: RenderOptions }) => {
    try {
      const rendered = await renderPng(job.spec, job.options);
      parentPort?.postMessage({ id: job.id, ok: true, rendered });
    } catch (error) {
      parentPort?.postMessage({
        id: job.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  },
);
