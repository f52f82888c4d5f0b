/**
 * Scoring today's customers with a stored churn-risk model: each active
 * customer's probability of churning in the next 90 days, and the factors
 * that push it up most (the largest contributions coefficient x standardised
 * value), said in words from the customer's own numbers.
 */
import type { Queryable } from "../../db/client.js";
import { type StoredChurnModel, vectorOf } from "./churn-model.js";
import { type CustomerFeatures, featuresAsOf } from "./features.js";
import { predict } from "./logistic.js";

export interface RiskFactor {
  feature: string;
  /** Added log-odds of churning. */
  contribution: number;
  text: string;
}

export interface CustomerRisk {
  customerId: string;
  name: string | null;
  plan: string | null;
  channel: string | null;
  country: string | null;
  probability: number;
  /** Up to three factors that raise this customer's risk most, strongest first. */
  factors: RiskFactor[];
}

const round = (n: number) => Math.round(n);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const pct = (share: number) => `${Math.round(share * 100)}%`;

/** A feature's value for this customer, in words. */
function describeFactor(feature: string, f: CustomerFeatures): string {
  const [column, level] = feature.split("=");
  if (column === "plan") return `on the ${level} plan`;
  if (column === "channel") return `came through ${level}`;
  switch (feature) {
    case "tenure":
      return `customer for ${plural(round(f.tenureDays), "day")}`;
    case "recency":
      return f.recencyDays === null
        ? "has never ordered"
        : `no order for ${plural(round(f.recencyDays), "day")}`;
    case "no_orders":
      return f.ordersTotal === 0 ? "has never ordered" : "has ordered";
    case "orders_90":
      return `${plural(f.orders90, "order")} in the last 90 days`;
    case "revenue_90":
      return `spent ${f.revenue90.toFixed(2)} in the last 90 days`;
    case "order_rate":
      return `${(f.ordersTotal / Math.max(1, f.tenureDays / 30)).toFixed(1)} orders a month on average`;
    case "survey_score":
      return f.surveyScore === null
        ? "no recent survey answers"
        : `recent survey scores at ${pct(f.surveyScore)} of the scale`;
    case "no_survey":
      return f.surveyScore === null ? "no survey answers in 180 days" : "answered surveys recently";
    case "survey_trend":
      return f.surveyTrend === null
        ? "no survey trend"
        : `survey scores ${f.surveyTrend < 0 ? "fell" : "rose"} by ${pct(Math.abs(f.surveyTrend))} of the scale`;
    case "detractor":
      return f.detractor ? "gave an NPS of 6 or less" : "never an NPS detractor";
    case "tickets_90":
      return `${plural(f.tickets90, "support ticket")} in the last 90 days`;
    case "engagement_90":
      return `${f.engagement90} site visits, email opens and clicks in the last 90 days`;
    case "engagement_trend": {
      const change = f.engagement90 - f.engagementPrior90;
      return change < 0
        ? `engagement down by ${plural(-change, "visit or email")} on the 90 days before`
        : `engagement up by ${plural(change, "visit or email")} on the 90 days before`;
    }
    default:
      return feature;
  }
}

/** Risk of one customer (features as of the scoring instant). */
function riskOf(model: StoredChurnModel, f: CustomerFeatures): CustomerRisk {
  const { probability, contributions } = predict(model, vectorOf(f, model.levels));
  const factors = contributions
    .map((contribution, i) => ({ feature: model.features[i]!, contribution }))
    .filter((c) => c.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, 3)
    .map((c) => ({ ...c, text: describeFactor(c.feature, f) }));
  return {
    customerId: f.customerId,
    name: f.name,
    plan: f.plan,
    channel: f.channel,
    country: f.country,
    probability,
    factors,
  };
}

/** Every customer active at `at`, riskiest first (ties by id, so the order is stable). */
export async function scoreCustomers(
  db: Queryable,
  workspaceId: string,
  model: StoredChurnModel,
  at: Date,
): Promise<CustomerRisk[]> {
  const rows = await featuresAsOf(db, workspaceId, at);
  return rows
    .map((f) => riskOf(model, f))
    .sort((a, b) => b.probability - a.probability || (a.customerId < b.customerId ? -1 : 1));
}
