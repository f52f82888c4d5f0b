/**
 * Every example of ../shared/spec/questions.ml.public.jsonl (10 per
 * language: fi, fa, hy, ka, am), read with the demo business's values as
 * its English twin would be. Filters are compared as sets.
 */
import { it } from "vitest";
import { demoValues } from "../../src/demo/values.js";
import { parseQuestion } from "../../src/questions/pipeline.js";
import { describeWithShared } from "../support/shared-data.js";
import { expectFields, type SpecExample, specExamples } from "../support/shared-spec.js";

describeWithShared("multilingual public examples", "spec/questions.ml.public.jsonl", () => {
  const values = demoValues();
  const examples = (specExamples("questions.ml.public.jsonl") ?? []) as (SpecExample & {
    lang: string;
  })[];
  it.each(examples.map((e) => [e.lang, e.q, e.now, e.expect] as const))(
    "[%s] %s (now %s)",
    (_lang, q, now, expected) => {
      expectFields(parseQuestion(q, now, values) as unknown as Record<string, unknown>, expected);
    },
  );
});
