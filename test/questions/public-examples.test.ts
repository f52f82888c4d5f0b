/** Every example of ../shared/spec/questions.public.jsonl, every checked field equal. */
import { describe, expect, it } from "vitest";
import { parseQuestion } from "../../src/questions/pipeline.js";
import { specExamples } from "../support/shared-spec.js";

const examples = specExamples("questions.public.jsonl");

describe.skipIf(examples === null)(
  examples ? "public examples" : "public examples (skipped: ../shared is absent)",
  () => {
    it.each((examples ?? []).map((e) => [e.q, e.now, e.expect] as const))(
      "%s (now %s)",
      (q, now, expected) => {
        const got = parseQuestion(q, now) as unknown as Record<string, unknown>;
        for (const [field, value] of Object.entries(expected))
          expect([field, got[field]]).toEqual([field, value]);
      },
    );
  },
);
