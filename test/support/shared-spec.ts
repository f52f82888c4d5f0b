import { existsSync, readFileSync } from "node:fs";
import { expect } from "vitest";
import type { Filter } from "../../src/metrics/types.js";
import { shared } from "./shared-data.js";

export interface SpecExample {
  q: string;
  now: string;
  data?: string;
  expect: Record<string, unknown>;
}

const specDir = new URL("spec/", shared);

/** The examples of a ../shared/spec/*.jsonl file, or null when ../shared is absent (the caller skips). */
export function specExamples(file: string | URL): SpecExample[] | null {
  const url = new URL(file, specDir);
  if (!existsSync(url)) return null;
  return readFileSync(url, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as SpecExample);
}

const asSets = (filters: Filter[]) =>
  filters
    .map((f) => ({ ...f, values: [...f.values].sort() }))
    .sort((a, b) => a.dimension.localeCompare(b.dimension) || a.op.localeCompare(b.op));

/** Every field an example expects is equal in the interpretation; filters compared as sets (questions.md). */
export function expectFields(got: Record<string, unknown>, want: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(want)) {
    if (field === "filters")
      expect([field, asSets(got.filters as Filter[])]).toEqual([field, asSets(value as Filter[])]);
    else expect([field, got[field]]).toEqual([field, value]);
  }
}
