/** Answers a matched predictive question; a model that cannot be trained yet is explained, not an error. */
import { profitabilityAnswer } from "../profitability/profitability-answer.js";
import { ModelUntrainableError } from "../risk/churn-model.js";
import { atRiskAnswer, riskByAnswer } from "../risk/risk-answer.js";
import { themesAnswer } from "../themes/themes-answer.js";
import { type InsightQuestion, riskDimensions } from "./question.js";
import type { InsightAnswer, InsightContext } from "./types.js";

export type InsightOutcome =
  | ({ kind: "insight" } & InsightAnswer)
  | { kind: "unknown"; text: string; suggestions: string[] };

export async function answerInsight(
  question: InsightQuestion,
  ctx: InsightContext,
): Promise<InsightOutcome> {
  try {
    switch (question.kind) {
      case "at_risk":
        return { kind: "insight", ...(await atRiskAnswer(ctx)) };
      case "risk_by":
        if (question.dimension === null)
          return {
            kind: "unknown",
            text: `Churn risk cannot be broken down by ${question.asked}; it can be broken down by ${riskDimensions.join(", ")}.`,
            suggestions: riskDimensions.map((d) => `churn risk by ${d}`),
          };
        return { kind: "insight", ...(await riskByAnswer(ctx, question.dimension)) };
      case "profitability":
        return {
          kind: "insight",
          ...(await profitabilityAnswer(ctx, question.by, question.range)),
        };
      case "themes":
        return { kind: "insight", ...(await themesAnswer(ctx, question.range)) };
    }
  } catch (error) {
    if (error instanceof ModelUntrainableError)
      return {
        kind: "unknown",
        text: `${error.message} Once there is enough history, run \`pulse model train\` (or ask again: I train on demand).`,
        suggestions: ["churn rate by plan last quarter", "churned customers by month this year"],
      };
    throw error;
  }
}
