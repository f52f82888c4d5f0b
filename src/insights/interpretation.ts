/**
 * What an insight question was taken as, in the shape of the interpretation
 * contract of questions.md (which lets intents be added): `pulse ask --json`
 * prints it, so a script can tell a churn-risk answer from a metric one.
 */
import type { Interpretation } from "../questions/types.js";
import type { InsightQuestion } from "./match.js";

export type InsightInterpretation = Omit<Interpretation, "intent"> & {
  intent: "insight";
  insight: InsightQuestion["kind"];
};

export function insightInterpretation(question: InsightQuestion): InsightInterpretation {
  const range = "range" in question ? question.range : null;
  return {
    intent: "insight",
    insight: question.kind,
    metric: null,
    from: range?.from ?? null,
    to: range?.to ?? null,
    grain: null,
    groupBy:
      question.kind === "risk_by"
        ? question.dimension
        : question.kind === "profitability"
          ? question.by
          : null,
    compare: null,
    horizon: null,
    suggestions: [],
  };
}
