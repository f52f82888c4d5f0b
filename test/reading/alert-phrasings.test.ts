/**
 * Alert requests as teams type them, read into alerts.md's request by the
 * same reader that reads questions (test/fixtures/alerts/phrasings.jsonl;
 * now = Sunday 2026-11-22 at noon UTC, workspace Europe/Helsinki, the demo
 * business's values). A plain question among them stays a question.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { demoValues } from "../../src/demo/values.js";
import { readRequest } from "../../src/reading/readers.js";
import { requestJson } from "../../src/reading/request.js";
import { utter } from "../../src/reading/utterance.js";
import { differences } from "../support/expected.js";

const examples = readFileSync(
  new URL("../fixtures/alerts/phrasings.jsonl", import.meta.url),
  "utf8",
)
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as { q: string; expect: Record<string, unknown> });

const ctx = {
  today: "2026-11-22",
  now: new Date("2026-11-22T12:00:00Z"),
  timezone: "Europe/Helsinki",
  values: demoValues(),
};

describe("alert wording becomes the request of alerts.md", () => {
  it.each(examples)("$q", ({ q, expect: want }) => {
    expect(differences(requestJson(readRequest(utter(q), ctx)), want)).toEqual([]);
  });
});
