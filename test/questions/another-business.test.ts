/**
 * Questions in the style of the v2 public examples, written from the spec
 * before they were run, on a business of our own that is not the demo
 * (plans Solo/Duo/Family/Business, channels such as tiktok and affiliate,
 * customers in Germany, Brazil, Japan, the US, Austria and Mexico): the
 * language is read from the words, not from the demo's values. Every field
 * given is checked; filters as sets.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Filter } from "../../src/metrics/types.js";
import { parseQuestion } from "../../src/questions/pipeline.js";
import type { WorkspaceValues } from "../../src/questions/workspace-values.js";

const dir = new URL("../fixtures/another-business/", import.meta.url).pathname;
const values = JSON.parse(readFileSync(join(dir, "values.json"), "utf8")) as WorkspaceValues;
const examples = readFileSync(join(dir, "questions.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as { q: string; now: string; expect: Record<string, unknown> });
const asSets = (filters: Filter[]) =>
  filters
    .map((f) => ({ ...f, values: [...f.values].sort() }))
    .sort((a, b) => a.dimension.localeCompare(b.dimension) || a.op.localeCompare(b.op));

describe("questions on another business's data", () => {
  it.each(examples.map((e) => [e.q, e.now, e.expect] as const))("%s (now %s)", (q, now, want) => {
    const got = parseQuestion(q, now, values) as unknown as Record<string, unknown>;
    for (const [field, value] of Object.entries(want)) {
      if (field === "filters")
        expect([field, asSets(got.filters as Filter[])]).toEqual([
          field,
          asSets(value as Filter[]),
        ]);
      else expect([field, got[field]]).toEqual([field, value]);
    }
  });
});
