/**
 * Every example of ../shared/spec/questions.v2.public.jsonl, read with the
 * demo business's values (the `data: demo` ones are checked end to end by
 * `pulse ask --json` in test/cli). Filters are compared as sets.
 */
import { describe, it } from "vitest";
import { demoValues } from "../../src/demo/values.js";
import { parseQuestion } from "../../src/questions/pipeline.js";
import { expectFields, specExamples } from "../support/shared-spec.js";

const examples = specExamples("questions.v2.public.jsonl");
describe.skipIf(examples === null)(
  examples ? "v2 public examples" : "v2 public examples (skipped: ../shared is absent)",
  () => {
    const values = demoValues();
    it.each((examples ?? []).map((e) => [e.q, e.now, e.expect] as const))(
      "%s (now %s)",
      (q, now, expected) => {
        expectFields(parseQuestion(q, now, values) as unknown as Record<string, unknown>, expected);
      },
    );
  },
);
