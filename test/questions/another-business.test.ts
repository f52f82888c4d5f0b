/**
 * Questions in the style of the v2 public examples, written from the spec
 * before they were run, on a business of our own that is not the demo
 * (plans Solo/Duo/Family/Business, channels such as tiktok and affiliate,
 * customers in Germany, Brazil, Japan, the US, Austria and Mexico): the
 * language is read from the words, not from the demo's values. Every field
 * given is checked; filters as sets.
 */
import { readFileSync } from "node:fs";
import { describe, it } from "vitest";
import { parseQuestion } from "../../src/questions/pipeline.js";
import type { WorkspaceValues } from "../../src/questions/workspace-values.js";
import { expectFields, specExamples } from "../support/shared-spec.js";

const dir = new URL("../fixtures/another-business/", import.meta.url);
const values = JSON.parse(readFileSync(new URL("values.json", dir), "utf8")) as WorkspaceValues;
const examples = specExamples(new URL("questions.jsonl", dir)) ?? [];

describe("questions on another business's data", () => {
  it.each(examples.map((e) => [e.q, e.now, e.expect] as const))("%s (now %s)", (q, now, want) => {
    expectFields(parseQuestion(q, now, values) as unknown as Record<string, unknown>, want);
  });
});
