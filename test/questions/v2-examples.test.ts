/**
 * Every example of ../shared/spec/questions.v2.public.jsonl, read with the
 * demo business's values (the `data: demo` ones are checked end to end by
 * `pulse ask --json` in test/cli). Filters are compared as sets.
 */
import { it } from "vitest";
import { demoValues } from "../../src/demo/values.js";
import { parseQuestion } from "../../src/questions/pipeline.js";
import { describeWithShared } from "../support/shared-data.js";
import { expectFields, specExamples } from "../support/shared-spec.js";

describeWithShared("v2 public examples", "spec/questions.v2.public.jsonl", () => {
  const values = demoValues();
  it.each(
    (specExamples("questions.v2.public.jsonl") ?? []).map((e) => [e.q, e.now, e.expect] as const),
  )("%s (now %s)", (q, now, expected) => {
    expectFields(parseQuestion(q, now, values) as unknown as Record<string, unknown>, expected);
  });
});
