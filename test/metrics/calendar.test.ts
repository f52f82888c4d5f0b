import { describe, expect, it } from "vitest";
import { periodCount, periodsOf } from "../../src/metrics/calendar.js";
import type { Grain } from "../../src/metrics/types.js";

const grains: Grain[] = ["day", "week", "month", "quarter", "year"];
const ranges = [
  { from: "2026-10-01", to: "2026-11-01" },
  { from: "2026-10-15", to: "2026-10-16" },
  { from: "2024-02-29", to: "2026-03-01" },
  { from: "2025-12-31", to: "2027-01-02" },
  { from: "2026-11-23", to: "2026-11-30" },
];

describe("period count", () => {
  it.each(grains)("by %s equals the number of periods the range is cut into", (grain) => {
    for (const range of ranges)
      expect([range, periodCount(range, grain)]).toEqual([range, periodsOf(range, grain).length]);
  });
  it("is counted, not enumerated, for ranges of millennia", () => {
    const range = { from: "1900-01-01", to: "9999-12-31" };
    expect(periodCount(range, "day")).toBe(2_958_463);
    expect(periodCount(range, "month")).toBe(97_200);
  });
});
