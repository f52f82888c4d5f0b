/** What people can ask, with examples: the answer to "help". */
import { metricIds, metrics } from "../metrics/registry.js";

export const helpExamples: string[] = [
  "what was churn last month?",
  "revenue by month this year",
  "churn rate by plan last quarter",
  "new customers this week vs last week",
  "NPS this quarter vs last quarter",
  "CAC by channel this year",
  "average order value by country in 2025",
  "forecast revenue for the next 3 months",
  "which customers are at risk?",
  "which channels are profitable?",
  "what are customers complaining about?",
];

export function helpText(): string {
  const names = metricIds.map((id) => metrics.get(id)!.label).join(", ");
  return [
    "Ask about your business in plain English: a metric, a time, and optionally a breakdown or a comparison.",
    `Metrics: ${names}.`,
    'Times: "last month", "this quarter", "last 7 days", "in March", "Q3 2025", "since June", "from January to March".',
    'Breakdowns: "by plan", "by channel", "by country", "by age group"; series: "by month", "weekly", "trend".',
    'Comparisons: "vs last month", "year over year". Follow-ups refine the last answer: "and by plan?", "what about last year?".',
  ].join("\n");
}
