/**
 * Rendering off the main thread. Building a vega view and its SVG is
 * synchronous JavaScript (tens of milliseconds a chart); with twenty questions
 * in flight it would delay every acknowledgement. A few worker threads take
 * the specs instead, once a server turns them on: a one-shot CLI is faster
 * without booting threads. From TypeScript sources (tests) there is no
 * compiled worker file, so rendering stays in process there.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { TopLevelSpec } from "vega-lite";
import { type Rendered, type RenderOptions, renderPng } from "./render.js";

type Reply = { id: number; ok: boolean; rendered?: Rendered; message?: string };
type Job = { resolve: (r: Rendered) => void; reject: (e: Error) => void };

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
  listener: (reply: Reply) => void;
}

const compiled = import.meta.url.endsWith(".js");
let threads = 0;
let slots: Slot[] | null = null;
let next = 0;
let ids = 0;

function createSlot(): Slot {
  const worker = new Worker(fileURLToPath(new URL("./worker.js", import.meta.url)));
  // The message listener is attached only while jobs are pending: a listening port keeps the
  // process alive, and an idle pool must let a CLI exit.
  worker.unref();
  const slot: Slot = {
    worker,
    jobs: new Map(),
    listener: (reply) => {
      const job = slot.jobs.get(reply.id);
      slot.jobs.delete(reply.id);
      if (slot.jobs.size === 0) worker.off("message", slot.listener);
      if (reply.ok && reply.rendered)
        job?.resolve({ ...reply.rendered, png: Buffer.from(reply.rendered.png) });
      else job?.reject(new Error(reply.message ?? "chart rendering failed"));
    },
  };
  return slot;
}

/**
 * Renders charts in up to `count` worker threads from now on; returns how
 * many. One core is left to the event loop, which reads requests and acks them.
 */
export function useRenderThreads(count = Math.min(4, availableParallelism() - 1)): number {
  threads = Math.max(1, count);
  return threads;
}

/** Renders in a worker thread when threads are on and the code is compiled, in process otherwise. */
export function renderPngOffThread(
  spec: TopLevelSpec,
  options: RenderOptions = {},
): Promise<Rendered> {
  if (!compiled || threads === 0) return renderPng(spec, options);
  slots ??= Array.from({ length: threads }, createSlot);
  const slot = slots[next++ % slots.length]!;
  const id = ++ids;
  return new Promise<Rendered>((resolve, reject) => {
    if (slot.jobs.size === 0) slot.worker.on("message", slot.listener);
    slot.jobs.set(id, { resolve, reject });
    slot.worker.postMessage({ id, spec, options });
  });
}
