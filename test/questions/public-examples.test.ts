/** Every example of ../shared/spec/questions.public.jsonl, every checked field equal. */
import { expect, it } from "vitest";
import { parseQuestion } from "../../src/questions/pipeline.js";
import { describeWithShared } from "../support/shared-data.js";
import { specExamples } from "../support/shared-spec.js";

const examples = specExamples("questions.public.jsonl") ?? [];

describeWithShared("public examples", "spec/questions.public.jsonl", () => {
  it.each(examples.map((e) => [e.q, e.now, e.expect] as const))(
    "%s (now %s)",
    (q, now, expected) => {
      const got = parseQuestion(q, now) as unknown as Record<string, unknown>;
      for (const [field, value] of Object.entries(expected))
        expect([field, got[field]]).toEqual([field, value]);
    },
  );
});
