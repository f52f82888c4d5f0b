import { describe, expect, it } from "vitest";
import { formatValue, pointText, rangeText } from "../../src/answers/format.js";

describe("formatValue", () => {
  it("prints money in the workspace currency", () => {
    expect(formatValue(1234.5, "money", "EUR")).toBe("€1,234.50");
    expect(formatValue(1234.5, "money", "USD")).toBe("$1,234.50");
  });
  it("prints percentages with one decimal", () => {
    expect(formatValue(3.5714, "percent")).toBe("3.6%");
  });
  it("prints counts with separators", () => {
    expect(formatValue(1764, "count")).toBe("1,764");
  });
  it("prints scores with one decimal, and two for -1..1 sentiment", () => {
    expect(formatValue(25, "score")).toBe("25.0");
    expect(formatValue(0.366, "score")).toBe("0.37");
  });
  it("prints null as no data", () => {
    expect(formatValue(null, "percent")).toBe("no data");
  });
});

describe("rangeText", () => {
  it.each([
    ["2026-10-01", "2026-11-01", "October 2026"],
    ["2026-07-01", "2026-10-01", "Q3 2026"],
    ["2025-01-01", "2026-01-01", "2025"],
    ["2026-11-22", "2026-11-23", "22 November 2026"],
    ["2026-11-09", "2026-11-16", "the week of 9 November 2026"],
    ["2026-11-01", "2026-11-23", "1-22 November 2026"],
    ["2026-05-01", "2026-11-01", "May - October 2026"],
    ["2025-12-01", "2026-03-01", "December 2025 - February 2026"],
    ["2026-01-01", "2026-11-23", "1 January - 22 November 2026"],
  ])("[%s, %s) reads %s", (from, to, text) => {
    expect(rangeText(from, to)).toBe(text);
  });
});

describe("pointText", () => {
  it("labels a point by its grain", () => {
    expect(pointText("2026-10-01", "month")).toBe("Oct 2026");
    expect(pointText("2026-07-01", "quarter")).toBe("Q3 2026");
    expect(pointText("2026-11-09", "week")).toBe("9 Nov 2026");
  });
});
