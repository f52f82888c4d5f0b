/**
 * What an insight question was taken as, in the shape of the interpretation
 * contract of questions.md (which lets intents be added): `pulse ask --json`
 * prints it, so a script can tell a churn-risk answer from a metric one.
 */
import { interpretationOf } from "../questions/query.js";
import type { Interpretation } from "../questions/types.js";
import type { InsightQuestion } from "./question.js";

export type InsightInterpretation = Interpretation & {
  intent: "insight";
  insight: InsightQuestion["kind"];
};

export const insightInterpretation = (question: InsightQuestion): InsightInterpretation =>
  interpretationOf({ intent: "insight", insight: question, unused: [] }) as InsightInterpretation;
