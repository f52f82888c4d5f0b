/** A predictive answer as the assistant's Reply: the text, and the chart drawn when there is one. */
import type { ChartData } from "../../charts/index.js";
import { chartTable } from "../answers/chart.js";
import type { ChartImage, Reply } from "../assistant/types.js";
import { answerInsight } from "./answer.js";
import { insightInterpretation } from "./interpretation.js";
import type { InsightQuestion } from "./question.js";
import type { InsightContext } from "./types.js";

export async function insightReply(
  question: InsightQuestion,
  ctx: InsightContext,
  drawChart: (data: ChartData) => Promise<ChartImage | null>,
): Promise<Reply> {
  const outcome = await answerInsight(question, ctx);
  if (outcome.kind === "unknown") return outcome;
  return {
    kind: "insight",
    text: outcome.text,
    chart: outcome.chart ? await drawChart(outcome.chart) : null,
    table: outcome.chart ? chartTable(outcome.chart) : null,
    interpretation: insightInterpretation(question),
    personal: outcome.personal ?? null,
  };
}
