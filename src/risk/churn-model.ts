/**
 * The churn-risk model: a logistic regression (src/risk/logistic.ts) over
 * the features of src/risk/features.ts, trained on the workspace's own
 * history. Training rows are snapshots: every customer active at a past
 * instant, labelled by whether they churned in the 90 days after it.
 *
 * The holdout is by time, as the model will be used: the model that is
 * tested learns only from snapshots whose 90-day outcome was known before the
 * cut-off, and is tested on the snapshots after it. The model that is stored
 * is then refit on every labelled snapshot, so it knows the latest behaviour;
 * the AUC printed beside it is the holdout's.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../../db/client.js";
import { PulseError } from "../errors.js";
import { type CustomerFeatures, featuresAsOf, HORIZON_DAYS } from "./features.js";
import { type LogisticModel, predict, rocAuc, trainLogistic } from "./logistic.js";

const DAY = 86_400_000;
/** Snapshots a month apart: closer ones repeat the same customers with nearly the same features. */
const SNAPSHOT_STEP_DAYS = 30;
/** The newest quarter of the snapshots is the holdout. */
const HOLDOUT_SHARE = 0.25;
/** Fewer churners than this in the training snapshots is noise, not a model. */
const MIN_CLASS_ROWS = 5;
/** Categorical levels kept per column (the most frequent); the rest share "other". */
const MAX_LEVELS = 20;

export class ModelUntrainableError extends PulseError {
  constructor(reason: string) {
    super("query_invalid", `The churn-risk model cannot be trained yet: ${reason}`);
  }
}

export const storedChurnModel = z.object({
  version: z.literal(1),
  horizonDays: z.number(),
  features: z.array(z.string()),
  weights: z.array(z.number()),
  bias: z.number(),
  means: z.array(z.number()),
  scales: z.array(z.number()),
  levels: z.object({ plan: z.array(z.string()), channel: z.array(z.string()) }),
  /** The first instant of the holdout (ISO). */
  holdoutFrom: z.string(),
});
export type StoredChurnModel = z.infer<typeof storedChurnModel>;

export interface TrainedChurnModel {
  model: StoredChurnModel;
  /** ROC AUC on the holdout; null when the holdout has only one class. */
  auc: number | null;
  trainRows: number;
  testRows: number;
  trainedAt: Date;
}

type Levels = StoredChurnModel["levels"];

const numericFeatures: readonly [string, (f: CustomerFeatures) => number][] = [
  ["tenure", (f) => Math.log1p(f.tenureDays)],
  ["recency", (f) => Math.log1p(f.recencyDays ?? f.tenureDays)],
  ["no_orders", (f) => (f.ordersTotal === 0 ? 1 : 0)],
  ["orders_90", (f) => f.orders90],
  ["revenue_90", (f) => Math.log1p(f.revenue90)],
  ["order_rate", (f) => f.ordersTotal / Math.max(1, f.tenureDays / 30)],
  ["survey_score", (f) => (f.surveyScore === null ? 0 : f.surveyScore - 0.7)],
  ["no_survey", (f) => (f.surveyScore === null ? 1 : 0)],
  ["survey_trend", (f) => f.surveyTrend ?? 0],
  ["detractor", (f) => (f.detractor ? 1 : 0)],
  ["tickets_90", (f) => f.tickets90],
  ["engagement_90", (f) => Math.log1p(f.engagement90)],
  ["engagement_trend", (f) => f.engagement90 - f.engagementPrior90],
];

const levelOf = (value: string | null, levels: string[]): string =>
  value === null || value === "" ? "unknown" : levels.includes(value) ? value : "other";

function levelsOf(rows: CustomerFeatures[]): Levels {
  const top = (values: (string | null)[]) => {
    const counts = new Map<string, number>();
    for (const v of values) {
      const key = v === null || v === "" ? "unknown" : v;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_LEVELS)
      .map(([k]) => k)
      .sort();
  };
  return { plan: top(rows.map((r) => r.plan)), channel: top(rows.map((r) => r.channel)) };
}

function featureNames(levels: Levels): string[] {
  return [
    ...numericFeatures.map(([name]) => name),
    ...levels.plan.map((l) => `plan=${l}`),
    ...levels.channel.map((l) => `channel=${l}`),
  ];
}

/** The model's input row: numeric features, then one-hot plan and channel. */
export function vectorOf(f: CustomerFeatures, levels: Levels): number[] {
  const plan = levelOf(f.plan, levels.plan);
  const channel = levelOf(f.channel, levels.channel);
  return [
    ...numericFeatures.map(([, value]) => value(f)),
    ...levels.plan.map((l) => (plan === l ? 1 : 0)),
    ...levels.channel.map((l) => (channel === l ? 1 : 0)),
  ];
}

/** Past instants to learn from: a month apart, each with its 90-day outcome known by `now`. */
function snapshotInstants(firstSignup: Date, now: Date): Date[] {
  const start = firstSignup.getTime() + HORIZON_DAYS * DAY;
  const out: Date[] = [];
  for (let t = now.getTime() - HORIZON_DAYS * DAY; t >= start; t -= SNAPSHOT_STEP_DAYS * DAY)
    out.unshift(new Date(t));
  return out;
}

const fitLogistic = (rows: CustomerFeatures[], levels: Levels): LogisticModel =>
  trainLogistic(
    rows.map((r) => vectorOf(r, levels)),
    rows.map((r) => (r.churnedWithin ? 1 : 0)),
    { iterations: 500 },
  );

function checkClasses(rows: CustomerFeatures[], what: string): void {
  const churned = rows.filter((r) => r.churnedWithin).length;
  if (churned < MIN_CLASS_ROWS || rows.length - churned < MIN_CLASS_ROWS)
    throw new ModelUntrainableError(
      `the ${what} has ${churned} customers who churned within ${HORIZON_DAYS} days and ${rows.length - churned} who stayed; it needs at least ${MIN_CLASS_ROWS} of each.`,
    );
}

/** Trains on the workspace's history up to `now`, tests on a time-based holdout, and refits on everything. */
export async function trainChurnModel(
  db: Queryable,
  workspaceId: string,
  now: Date,
): Promise<TrainedChurnModel> {
  const [first] = await db.rows<{ first: string | Date | null }>(
    sql`select min(signup_at) as first from customers where workspace_id = ${workspaceId}`,
  );
  if (!first?.first) throw new ModelUntrainableError("there are no customers.");
  const instants = snapshotInstants(new Date(first.first), now);
  if (instants.length < 3)
    throw new ModelUntrainableError(
      `it needs at least ${2 * HORIZON_DAYS + 2 * SNAPSHOT_STEP_DAYS} days of customer history before today, to learn from one part and test on a later one.`,
    );
  const snapshots: { at: Date; rows: CustomerFeatures[] }[] = [];
  for (const at of instants) snapshots.push({ at, rows: await featuresAsOf(db, workspaceId, at) });

  const testCount = Math.max(1, Math.round(snapshots.length * HOLDOUT_SHARE));
  const cutoff = snapshots[snapshots.length - testCount]!.at;
  const train = snapshots
    .filter((s) => s.at.getTime() + HORIZON_DAYS * DAY <= cutoff.getTime())
    .flatMap((s) => s.rows);
  const test = snapshots.filter((s) => s.at >= cutoff).flatMap((s) => s.rows);
  checkClasses(train, "history before the holdout");

  const holdoutLevels = levelsOf(train);
  const holdoutModel = fitLogistic(train, holdoutLevels);
  const auc = rocAuc(
    test.map((r) => predict(holdoutModel, vectorOf(r, holdoutLevels)).probability),
    test.map((r) => (r.churnedWithin ? 1 : 0)),
  );

  const all = snapshots.flatMap((s) => s.rows);
  const levels = levelsOf(all);
  const final = fitLogistic(all, levels);
  return {
    model: {
      version: 1,
      horizonDays: HORIZON_DAYS,
      features: featureNames(levels),
      ...final,
      levels,
      holdoutFrom: cutoff.toISOString(),
    },
    auc: Number.isNaN(auc) ? null : auc,
    trainRows: train.length,
    testRows: test.length,
    trainedAt: now,
  };
}

/** Coefficients by size, the strongest first (positive = raises the risk). */
export function topCoefficients(
  model: StoredChurnModel,
  n: number,
): { feature: string; weight: number }[] {
  return model.features
    .map((feature, i) => ({ feature, weight: model.weights[i]! }))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, n);
}
