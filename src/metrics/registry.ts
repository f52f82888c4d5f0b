/**
 * Every metric of ../shared/spec/metrics.md as data. Adding a metric touches
 * this file only: the query builder, the question parser, the answer text and
 * the charts all read it from here.
 */
import { dimensions as allDimensions } from "./dimensions.js";
import { difference, measure, ratio } from "./formula.js";
import type {
  DimensionId,
  MeasureDefinition,
  MeasureId,
  MetricDefinition,
  MetricId,
} from "./types.js";

const customerDimensions: readonly DimensionId[] = [
  "plan",
  "channel",
  "country",
  "gender",
  "age_band",
  "segment",
];
const orderDimensions: readonly DimensionId[] = [...customerDimensions, "category"];
const surveyDimensions: readonly DimensionId[] = [...customerDimensions, "kind"];
const dealDimensions: readonly DimensionId[] = ["stage", "owner", "source"];

const atStart = measure("customers_at_start");
const revenue = measure("order_revenue");
const churnRate = ratio(measure("churned"), atStart, 100);
const arpu = ratio(revenue, atStart);

const definitions: MetricDefinition[] = [
  {
    id: "active_customers",
    label: "active customers",
    unit: "count",
    description: "Customers who have signed up and not churned at the end of the range.",
    formulaText: "count of customers active at the end of the range",
    formula: measure("customers_at_end"),
    dimensions: customerDimensions,
    synonyms: [
      "customers",
      "active customers",
      "customer count",
      "customer base",
      "active users",
      "subscribers",
      "active subscribers",
      "paying customers",
      "user base",
      "clients",
      "active accounts",
    ],
  },
  {
    id: "new_customers",
    label: "new customers",
    unit: "count",
    description: "Customers who signed up in the range.",
    formulaText: "count of customers with a sign-up in the range",
    formula: measure("signups"),
    dimensions: customerDimensions,
    synonyms: [
      "new customers",
      "signups",
      "sign ups",
      "sign-ups",
      "new signups",
      "new users",
      "new subscribers",
      "registrations",
      "customer acquisitions",
      "acquired customers",
      "customers acquired",
      "customers gained",
      "new clients",
    ],
  },
  {
    id: "churned_customers",
    label: "churned customers",
    unit: "count",
    description: "Customers who churned in the range.",
    formulaText: "count of customers who churned in the range",
    formula: measure("churned"),
    dimensions: customerDimensions,
    synonyms: [
      "churned customers",
      "customers lost",
      "lost customers",
      "customers churned",
      "churned users",
      "cancellations",
      "cancelled customers",
      "churners",
      "customers who left",
      "customers we lost",
    ],
    lowerIsBetter: true,
  },
  {
    id: "churn_rate",
    label: "churn rate",
    unit: "percent",
    description: "The share of the customers at the start of the range who churned during it.",
    formulaText: "churned customers / customers at start of period",
    formula: churnRate,
    dimensions: customerDimensions,
    synonyms: [
      "churn",
      "churn rate",
      "attrition",
      "attrition rate",
      "customer churn",
      "customer attrition",
      "churn percentage",
      "cancellation rate",
    ],
    lowerIsBetter: true,
  },
  {
    id: "retention_rate",
    label: "retention rate",
    unit: "percent",
    description:
      "Customer retention rate (CRR): the share of the customers at the start who are still customers at the end.",
    formulaText: "(customers at end of period - new customers) / customers at start of period",
    formula: ratio(difference(measure("customers_at_end"), measure("signups")), atStart, 100),
    dimensions: customerDimensions,
    synonyms: [
      "retention",
      "retention rate",
      "crr",
      "customer retention",
      "customer retention rate",
      "retained customers",
    ],
  },
  {
    id: "revenue",
    label: "revenue",
    unit: "money",
    description: "The sum of the amounts of the orders placed in the range.",
    formulaText: "sum of order amounts",
    formula: revenue,
    dimensions: orderDimensions,
    synonyms: [
      "revenue",
      "revenues",
      "sales",
      "income",
      "turnover",
      "gmv",
      "earnings",
      "takings",
      "total sales",
      "gross sales",
      "money made",
      "money we made",
      "sales volume",
    ],
  },
  {
    id: "orders",
    label: "orders",
    unit: "count",
    description: "The number of orders placed in the range.",
    formulaText: "count of orders",
    formula: measure("order_count"),
    dimensions: orderDimensions,
    synonyms: [
      "orders",
      "number of orders",
      "order count",
      "order volume",
      "purchases",
      "transactions",
      "invoices",
    ],
  },
  {
    id: "aov",
    label: "average order value",
    unit: "money",
    description: "Revenue divided by the number of orders.",
    formulaText: "revenue / orders",
    formula: ratio(revenue, measure("order_count")),
    dimensions: orderDimensions,
    synonyms: [
      "aov",
      "average order value",
      "average order",
      "avg order value",
      "average order size",
      "average basket",
      "basket size",
      "average ticket",
      "average purchase value",
    ],
  },
  {
    id: "arpu",
    label: "ARPU",
    unit: "money",
    description:
      "Average revenue per customer: revenue divided by the customers at the start of the range.",
    formulaText: "revenue / customers at start of period",
    formula: arpu,
    dimensions: customerDimensions,
    synonyms: [
      "arpu",
      "arpc",
      "average revenue per user",
      "average revenue per customer",
      "revenue per customer",
      "revenue per user",
    ],
  },
  {
    id: "cac",
    label: "CAC",
    unit: "money",
    description: "Customer acquisition cost: marketing spend divided by new customers.",
    formulaText: "marketing spend / new customers",
    formula: ratio(measure("spend"), measure("signups")),
    dimensions: ["channel"],
    synonyms: [
      "cac",
      "customer acquisition cost",
      "acquisition cost",
      "cost of acquisition",
      "cost per acquisition",
      "cpa",
      "cost to acquire",
      "cost per customer",
      "cost per new customer",
    ],
    lowerIsBetter: true,
  },
  {
    id: "clv",
    label: "customer lifetime value",
    unit: "money",
    description:
      "What a customer is worth over their lifetime: ARPU divided by churn rate over the same range.",
    formulaText: "ARPU / churn rate",
    formula: ratio(arpu, ratio(measure("churned"), atStart)),
    dimensions: customerDimensions,
    synonyms: [
      "clv",
      "ltv",
      "cltv",
      "lifetime value",
      "customer lifetime value",
      "customer value",
      "lifetime revenue",
    ],
  },
  {
    id: "marketing_spend",
    label: "marketing spend",
    unit: "money",
    description: "The sum of marketing spend in the range.",
    formulaText: "sum of marketing spend",
    formula: measure("spend"),
    dimensions: ["channel"],
    synonyms: [
      "marketing spend",
      "marketing spending",
      "ad spend",
      "ads spend",
      "advertising spend",
      "advertising",
      "marketing budget",
      "marketing cost",
      "marketing costs",
      "spend",
      "spending",
      "ad budget",
    ],
    lowerIsBetter: true,
  },
  {
    id: "nps",
    label: "NPS",
    unit: "score",
    decimals: 0,
    description:
      "Net Promoter Score: the share of promoters (9-10) minus the share of detractors (0-6), from -100 to 100.",
    formulaText: "100 × (promoters - detractors) / NPS responses",
    formula: ratio(
      difference(measure("nps_promoters"), measure("nps_detractors")),
      measure("nps_responses"),
      100,
    ),
    dimensions: surveyDimensions,
    synonyms: [
      "nps",
      "net promoter score",
      "promoter score",
      "net promoter",
      "promoters",
      "likelihood to recommend",
    ],
  },
  {
    id: "csat",
    label: "CSAT",
    unit: "percent",
    description: "Customer satisfaction: the share of CSAT answers of 4 or 5 on the 1-5 scale.",
    formulaText: "100 × CSAT responses scoring 4-5 / CSAT responses",
    formula: ratio(measure("csat_satisfied"), measure("csat_responses"), 100),
    dimensions: surveyDimensions,
    synonyms: [
      "csat",
      "customer satisfaction",
      "satisfaction",
      "satisfaction score",
      "customer satisfaction score",
      "happiness",
      "satisfied customers",
    ],
  },
  {
    id: "ces",
    label: "CES",
    unit: "score",
    decimals: 1,
    description: "Customer effort score: the mean CES answer on the 1-7 scale (7 = very easy).",
    formulaText: "sum of CES scores / CES responses",
    formula: ratio(measure("ces_score_sum"), measure("ces_responses")),
    dimensions: surveyDimensions,
    synonyms: [
      "ces",
      "customer effort score",
      "effort score",
      "effort",
      "customer effort",
      "ease of use",
    ],
  },
  {
    id: "win_rate",
    label: "win rate",
    unit: "percent",
    description: "Deals won as a share of the deals closed (won or lost) in the range.",
    formulaText: "deals won / deals closed (won + lost)",
    formula: ratio(measure("deals_won"), measure("deals_closed"), 100),
    dimensions: dealDimensions,
    synonyms: [
      "win rate",
      "deal win rate",
      "close rate",
      "closing rate",
      "win ratio",
      "deals won share",
      "won rate",
      "success rate",
    ],
  },
  {
    id: "pipeline_value",
    label: "pipeline value",
    unit: "money",
    description: "The amount of the deals still open at the end of the range.",
    formulaText: "sum of amounts of deals open at the end of the range",
    formula: measure("pipeline"),
    dimensions: dealDimensions,
    synonyms: [
      "pipeline",
      "pipeline value",
      "open pipeline",
      "sales pipeline",
      "open deals value",
      "deal pipeline",
      "open deals",
    ],
  },
  {
    id: "conversion_rate",
    label: "conversion rate",
    unit: "percent",
    description: "The share of the deals created in the range that were won.",
    formulaText: "deals created in range that were won / deals created in range",
    formula: ratio(measure("deals_created_won"), measure("deals_created"), 100),
    dimensions: dealDimensions,
    synonyms: [
      "conversion",
      "conversion rate",
      "lead conversion",
      "lead conversion rate",
      "conversions",
      "lead to customer rate",
      "lead-to-win rate",
    ],
  },
  {
    id: "sentiment",
    label: "sentiment",
    unit: "score",
    decimals: 2,
    description: "The mean sentiment (-1 to 1) of survey comments and social mentions.",
    formulaText: "sum of sentiment scores / scored comments and mentions",
    formula: ratio(measure("sentiment_sum"), measure("sentiment_count")),
    dimensions: customerDimensions,
    synonyms: [
      "sentiment",
      "mood",
      "feedback sentiment",
      "customer sentiment",
      "social sentiment",
      "tone",
      "sentiment score",
    ],
  },
  {
    id: "response_rate",
    label: "survey response rate",
    unit: "percent",
    description: "The share of survey prompts sent in the range that were answered.",
    formulaText: "answered prompts / prompts sent",
    formula: ratio(measure("prompts_answered"), measure("prompts_sent"), 100),
    dimensions: [...customerDimensions, "kind"],
    synonyms: [
      "response rate",
      "survey response rate",
      "survey responses rate",
      "answer rate",
      "survey completion rate",
    ],
  },
];

export const metrics: ReadonlyMap<MetricId, MetricDefinition> = new Map(
  definitions.map((m) => [m.id, m]),
);

export const metricIds = definitions.map((m) => m.id);

export const isMetricId = (value: string): value is MetricId => metrics.has(value as MetricId);

export function getMetric(id: MetricId): MetricDefinition {
  const metric = metrics.get(id);
  if (!metric) throw new Error(`unknown metric ${id}`);
  return metric;
}

export const measureDefinitions: Record<MeasureId, MeasureDefinition> = {
  customers_at_start: {
    id: "customers_at_start",
    label: "customers at start of period",
    unit: "count",
    over: "first",
  },
  customers_at_end: {
    id: "customers_at_end",
    label: "customers at end of period",
    unit: "count",
    over: "last",
  },
  signups: { id: "signups", label: "new customers", unit: "count", over: "sum" },
  churned: { id: "churned", label: "churned customers", unit: "count", over: "sum" },
  order_revenue: { id: "order_revenue", label: "revenue", unit: "money", over: "sum" },
  order_count: { id: "order_count", label: "orders", unit: "count", over: "sum" },
  spend: { id: "spend", label: "marketing spend", unit: "money", over: "sum" },
  nps_promoters: { id: "nps_promoters", label: "promoters", unit: "count", over: "sum" },
  nps_detractors: { id: "nps_detractors", label: "detractors", unit: "count", over: "sum" },
  nps_responses: { id: "nps_responses", label: "NPS responses", unit: "count", over: "sum" },
  csat_satisfied: {
    id: "csat_satisfied",
    label: "satisfied responses",
    unit: "count",
    over: "sum",
  },
  csat_responses: { id: "csat_responses", label: "CSAT responses", unit: "count", over: "sum" },
  ces_score_sum: { id: "ces_score_sum", label: "sum of CES scores", unit: "count", over: "sum" },
  ces_responses: { id: "ces_responses", label: "CES responses", unit: "count", over: "sum" },
  deals_won: { id: "deals_won", label: "deals won", unit: "count", over: "sum" },
  deals_closed: { id: "deals_closed", label: "deals closed", unit: "count", over: "sum" },
  pipeline: { id: "pipeline", label: "open pipeline", unit: "money", over: "last" },
  deals_created: { id: "deals_created", label: "deals created", unit: "count", over: "sum" },
  deals_created_won: { id: "deals_created_won", label: "of them won", unit: "count", over: "sum" },
  sentiment_sum: { id: "sentiment_sum", label: "sum of sentiment", unit: "score", over: "sum" },
  sentiment_count: { id: "sentiment_count", label: "scored texts", unit: "count", over: "sum" },
  prompts_sent: { id: "prompts_sent", label: "prompts sent", unit: "count", over: "sum" },
  prompts_answered: {
    id: "prompts_answered",
    label: "prompts answered",
    unit: "count",
    over: "sum",
  },
};

/** Checks the registry at start-up: every metric's dimensions exist and no synonym names two metrics. */
export function validateRegistry(): string[] {
  const issues: string[] = [];
  const owner = new Map<string, MetricId>();
  for (const metric of definitions) {
    for (const dimension of metric.dimensions) {
      if (!(dimension in allDimensions))
        issues.push(`${metric.id}: unknown dimension ${dimension}`);
    }
    for (const word of metric.synonyms) {
      const previous = owner.get(word);
      if (previous && previous !== metric.id)
        issues.push(`"${word}" names both ${previous} and ${metric.id}`);
      owner.set(word, metric.id);
    }
  }
  return issues;
}
