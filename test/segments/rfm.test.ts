import { describe, expect, it } from "vitest";
import { fmScore, segmentOf, segmentRules } from "../../src/segments/rfm.js";

describe("RFM segments", () => {
  it("every (R, FM) cell has exactly one first-matching rule", () => {
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++)
        for (let m = 1; m <= 5; m++) expect(() => segmentOf(r, f, m)).not.toThrow();
  });
  it("FM is the rounded mean of F and M", () => {
    expect(fmScore(2, 3)).toBe(3);
    expect(fmScore(1, 2)).toBe(2);
  });
  it.each([
    [5, 5, 5, "champions"],
    [1, 5, 5, "cannot_lose_them"],
    [2, 4, 4, "at_risk"],
    [3, 4, 3, "loyal"],
    [5, 1, 1, "new"],
    [4, 1, 1, "promising"],
    [5, 2, 2, "potential_loyalists"],
    [3, 2, 2, "need_attention"],
    [3, 1, 1, "about_to_sleep"],
    [2, 1, 2, "hibernating"],
    [1, 1, 1, "lost"],
  ])("r%i f%i m%i is %s", (r, f, m, segment) => {
    expect(segmentOf(r, f, m)).toBe(segment);
  });
  it("names eleven segments", () => {
    expect(new Set(segmentRules.map((s) => s.segment)).size).toBe(11);
  });
});
