import { describe, expect, it } from "vitest";
import { matchInsight } from "../../src/insights/match.js";
import { specExamples } from "../support/shared-spec.js";

const today = "2026-11-22";

describe("predictive questions", () => {
  it.each([
    "which customers are at risk?",
    "Who is likely to churn?",
    "show me customers at risk of churning",
    "how many customers are at risk",
    "churn risk",
  ])("%s asks for the at-risk customers", (q) => {
    expect(matchInsight(q, today)).toEqual({ kind: "at_risk" });
  });

  it.each([
    ["churn risk by plan", "plan"],
    ["what is the churn risk per channel?", "channel"],
    ["which plan has the highest churn risk", "plan"],
    ["risk of churn by country", "country"],
    ["churn risk by segment", "segment"],
  ])("%s breaks churn risk down by %s", (q, dimension) => {
    expect(matchInsight(q, today)).toMatchObject({ kind: "risk_by", dimension });
  });

  it("reads profitability by channel over the last 12 months unless a time is given", () => {
    expect(matchInsight("which channels are profitable?", today)).toEqual({
      kind: "profitability",
      by: "channel",
      range: { from: "2025-11-01", to: "2026-11-01" },
    });
    expect(matchInsight("LTV:CAC by segment in 2025", today)).toEqual({
      kind: "profitability",
      by: "segment",
      range: { from: "2025-01-01", to: "2026-01-01" },
    });
  });

  it("reads complaint themes over the last full month unless a time is given", () => {
    expect(matchInsight("What are customers complaining about?", today)).toEqual({
      kind: "themes",
      range: { from: "2026-10-01", to: "2026-11-01" },
    });
    expect(matchInsight("main complaints last quarter", today)).toEqual({
      kind: "themes",
      range: { from: "2026-07-01", to: "2026-10-01" },
    });
  });

  it.each([
    "churn rate by plan last quarter",
    "what was churn last month?",
    "customers in the at risk segment",
    "clv by channel",
    "revenue by segment",
  ])("leaves the metric question %s to the parser", (q) => {
    expect(matchInsight(q, today)).toBeNull();
  });

  const examples = specExamples("questions.public.jsonl");
  it.skipIf(examples === null)("claims none of the published example questions", () => {
    for (const e of examples ?? []) expect([e.q, matchInsight(e.q, e.now)]).toEqual([e.q, null]);
  });
});
