/** Every example of ../shared/spec/questions.public.jsonl, every checked field equal. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseQuestion } from "../../src/questions/understand.js";

const examples = readFileSync(
  new URL("../../../shared/spec/questions.public.jsonl", import.meta.url),
  "utf8",
)
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as { q: string; now: string; expect: Record<string, unknown> });

describe("public examples", () => {
  it.each(examples.map((e) => [e.q, e.now, e.expect] as const))(
    "%s (now %s)",
    (q, now, expected) => {
      const got = parseQuestion(q, now) as unknown as Record<string, unknown>;
      for (const [field, value] of Object.entries(expected))
        expect([field, got[field]]).toEqual([field, value]);
    },
  );
});
