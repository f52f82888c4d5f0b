/**
 * Every example of ../shared/spec/questions.v2.public.jsonl, read with the
 * demo business's values (the `data: demo` ones are checked end to end by
 * `pulse ask --json` in test/cli). Filters are compared as sets.
 */
import { describe, expect, it } from "vitest";
import { demoValues } from "../../src/demo/values.js";
import type { Filter } from "../../src/metrics/types.js";
import { parseQuestion } from "../../src/questions/pipeline.js";
import { specExamples } from "../support/shared-spec.js";

const examples = specExamples("questions.v2.public.jsonl");
const asSets = (filters: Filter[]) =>
  filters
    .map((f) => ({ ...f, values: [...f.values].sort() }))
    .sort((a, b) => a.dimension.localeCompare(b.dimension));

describe.skipIf(examples === null)(
  examples ? "v2 public examples" : "v2 public examples (skipped: ../shared is absent)",
  () => {
    const values = demoValues();
    it.each((examples ?? []).map((e) => [e.q, e.now, e.expect] as const))(
      "%s (now %s)",
      (q, now, expected) => {
        const got = parseQuestion(q, now, values) as unknown as Record<string, unknown>;
        for (const [field, value] of Object.entries(expected)) {
          if (field === "filters")
            expect([field, asSets(got.filters as Filter[])]).toEqual([
              field,
              asSets(value as Filter[]),
            ]);
          else expect([field, got[field]]).toEqual([field, value]);
        }
      },
    );
  },
);
