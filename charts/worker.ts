/** A rendering thread: takes specs, returns PNGs, so the event loop that answers chat platforms stays free. */
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import type { TopLevelSpec } from "vega-lite";
import { type RenderOptions, renderPng } from "./render.js";

// A chart can wait a few milliseconds; an acknowledgement to Slack cannot. On Linux a nice value
// belongs to a thread, so this yields the core to the event loop whenever both want it.
setPriority(10);

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
