/**
 * Churn risk in chat: "which customers are at risk?" and "churn risk by
 * plan". Customer names are personal data: the list goes only to a direct
 * message; anywhere else the answer gives counts and says where the list is.
 */
import { formatValue } from "../answers/format.js";
import type { RiskDimension } from "../insights/question.js";
import type { InsightAnswer, InsightContext } from "../insights/types.js";
import { segmentsSql } from "../segments/rfm.js";
import type { TrainedChurnModel } from "./churn-model.js";
import { churnModelFor, MAX_MODEL_AGE_DAYS } from "./churn-risk.js";
import { type CustomerRisk, scoreCustomers } from "./score.js";

/** How many customers the list shows. */
const LIST_LENGTH = 10;
/** "At risk": a predicted risk at least this many times the average, or 50%. */
const RISK_MULTIPLE = 2;

const pct = (p: number) => `${(p * 100).toFixed(p < 0.1 ? 1 : 0)}%`;
const count = (n: number) => formatValue(n, "count");

function modelNote(trained: TrainedChurnModel, justTrained: boolean): string {
  const auc = trained.auc === null ? "not measurable" : trained.auc.toFixed(2);
  const when = trained.trainedAt.toISOString().slice(0, 10);
  return justTrained
    ? `(I trained the model just now on your history, as none was stored or it was over ${MAX_MODEL_AGE_DAYS} days old: holdout AUC ${auc}. Retrain any time with \`pulse model train\`.)`
    : `(Model trained ${when}, holdout AUC ${auc}; retrain with \`pulse model train\`.)`;
}

async function scored(ctx: InsightContext) {
  const { trained, justTrained } = await churnModelFor(ctx.db, ctx.workspace.id, ctx.clock.now());
  const risks = await scoreCustomers(ctx.db, ctx.workspace.id, trained.model, ctx.clock.now());
  return { trained, justTrained, risks };
}

function atRisk(risks: CustomerRisk[]): {
  threshold: number;
  average: number;
  flagged: CustomerRisk[];
} {
  const average = risks.reduce((a, r) => a + r.probability, 0) / Math.max(1, risks.length);
  const threshold = Math.min(0.5, RISK_MULTIPLE * average);
  return { threshold, average, flagged: risks.filter((r) => r.probability >= threshold) };
}

export async function atRiskAnswer(ctx: InsightContext): Promise<InsightAnswer> {
  const { trained, justTrained, risks } = await scored(ctx);
  if (risks.length === 0) return { text: "There are no active customers to score.", chart: null };
  const { threshold, average, flagged } = atRisk(risks);
  const expected = risks.reduce((a, r) => a + r.probability, 0);
  const rule =
    threshold < 0.5 ? `, twice the average of ${pct(average)}` : `; the average is ${pct(average)}`;
  const summary = `${count(flagged.length)} of ${count(risks.length)} active customers are at risk of churning in the next 90 days (a predicted risk of ${pct(threshold)} or more${rule}); about ${count(Math.round(expected))} are expected to churn.`;
  const lines = risks.slice(0, LIST_LENGTH).map((r, i) => {
    const who = r.name ? `${r.name} (${r.customerId})` : r.customerId;
    const why = r.factors.length > 0 ? `: ${r.factors.map((f) => f.text).join("; ")}` : "";
    return `${i + 1}. ${who}, ${pct(r.probability)}${why}`;
  });
  const list = [
    `${summary} The ${lines.length} most at risk:`,
    ...lines,
    modelNote(trained, justTrained),
  ].join("\n");
  if (ctx.asker.isDirect) return { text: list, chart: null };
  const where = ctx.mayReceiveDirect
    ? "so I sent the list to you in a direct message."
    : "so the list goes to direct messages only, and you are not allowed to ask there: ask a Pulse admin.";
  return {
    text: `${summary} Customer names are personal data, ${where}\n${modelNote(trained, justTrained)}`,
    chart: null,
    ...(ctx.mayReceiveDirect ? { personal: list } : {}),
  };
}

/** Each customer's group: a column of theirs, or their RFM segment as of today ("unknown" without orders). */
async function groupOf(
  ctx: InsightContext,
  dimension: RiskDimension,
): Promise<(r: CustomerRisk) => string> {
  if (dimension !== "segment")
    return (r) =>
      (dimension === "plan" ? r.plan : dimension === "channel" ? r.channel : r.country) ||
      "unknown";
  const rows = await ctx.db.rows<{ customer_id: string; segment: string }>(
    segmentsSql(ctx.workspace.id, ctx.today, ctx.workspace.timezone),
  );
  const segments = new Map(rows.map((r) => [r.customer_id, r.segment]));
  return (r) => segments.get(r.customerId) ?? "unknown";
}

export async function riskByAnswer(
  ctx: InsightContext,
  dimension: RiskDimension,
): Promise<InsightAnswer> {
  const { trained, justTrained, risks } = await scored(ctx);
  const keyOf = await groupOf(ctx, dimension);
  const groups = new Map<string, { sum: number; n: number }>();
  for (const r of risks) {
    const key = keyOf(r);
    const g = groups.get(key) ?? { sum: 0, n: 0 };
    g.sum += r.probability;
    g.n++;
    groups.set(key, g);
  }
  const rows = [...groups.entries()]
    .map(([key, g]) => ({ key, value: g.sum / g.n, n: g.n }))
    .sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : 1));
  if (rows.length === 0) return { text: "There are no active customers to score.", chart: null };
  const top = rows[0]!;
  const lines = rows.map((r) => `${r.key}: ${pct(r.value)} (${count(r.n)} customers)`);
  return {
    text: [
      `Average predicted 90-day churn risk by ${dimension}: highest for ${top.key} at ${pct(top.value)}.`,
      ...lines,
      modelNote(trained, justTrained),
    ].join("\n"),
    chart: {
      kind: "breakdown",
      title: `Churn risk (next 90 days) by ${dimension}`,
      dimension,
      unit: "percent",
      footnote: "mean predicted 90-day churn probability",
      groups: rows.map((r) => ({ key: r.key, value: r.value * 100 })),
    },
  };
}
