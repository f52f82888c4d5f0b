/**
 * Charts drawn recently, by their spec. A team asks the same few questions
 * again and again (three people want last month's churn, a digest repeats a
 * button's chart), and a spec always renders to the same PNG: a repeat costs
 * a hash instead of about 100 ms of CPU that every other answer waits for.
 * Identical requests in flight share one rendering.
 */
import { createHash } from "node:crypto";
import type { TopLevelSpec } from "vega-lite";
import type { Rendered, RenderOptions } from "./render.js";

/** About 200 typical charts; the oldest are dropped first. */
const maxBytes = 16 * 1024 * 1024;

const entries = new Map<string, Promise<Rendered>>();
const sizes = new Map<string, number>();
let bytes = 0;

const keyOf = (spec: TopLevelSpec, options: RenderOptions): string =>
  createHash("sha256")
    .update(JSON.stringify([spec, options.width ?? null, options.scale ?? null]))
    .digest("base64url");

function forget(key: string): void {
  entries.delete(key);
  bytes -= sizes.get(key) ?? 0;
  sizes.delete(key);
}

/** The PNG of `spec`, rendered by `render` only when no equal spec was drawn (or is being drawn) recently. */
export function cachedRender(
  spec: TopLevelSpec,
  options: RenderOptions,
  render: (spec: TopLevelSpec, options: RenderOptions) => Promise<Rendered>,
): Promise<Rendered> {
  const key = keyOf(spec, options);
  const known = entries.get(key);
  if (known) {
    // Map order is the eviction order: a hit moves the chart to the young end.
    entries.delete(key);
    entries.set(key, known);
    return known;
  }
  const rendering = render(spec, options);
  entries.set(key, rendering);
  rendering.then(
    (rendered) => {
      if (entries.get(key) !== rendering) return;
      sizes.set(key, rendered.png.length);
      bytes += rendered.png.length;
      for (const oldest of entries.keys()) {
        if (bytes <= maxBytes) break;
        forget(oldest);
      }
    },
    // A failed rendering is not remembered: the caller gets the error, the next ask tries again.
    () => {
      if (entries.get(key) === rendering) forget(key);
    },
  );
  return rendering;
}
