/** The demo business has no survey answers from the future: none after the day it ends (today). */
import { describe, expect, it } from "vitest";
import { generateDemo } from "../../db/demo/generate.js";

describe("the demo's survey answers", () => {
  it("all came before the demo's end, today", () => {
    const end = "2026-11-29";
    const data = generateDemo({ end });
    const endMs = Date.parse(`${end}T00:00:00Z`);
    expect(data.survey_responses.length).toBeGreaterThan(1000);
    const late = data.survey_responses.filter((r) => Date.parse(String(r.responded_at)) >= endMs);
    expect(late).toEqual([]);
  });
});
