/** The language of questions.md, beyond the public examples. now = Sunday 2026-11-22 unless said. */
import { describe, expect, it } from "vitest";
import { parseQuestion } from "../../src/questions/pipeline.js";
import type { Interpretation } from "../../src/questions/types.js";

const now = "2026-11-22";
const parse = (q: string) => parseQuestion(q, now);
type Expect = Partial<Interpretation>;
const cases = (rows: [string, Expect][]) => rows.map(([q, e]) => [q, e] as const);

describe("time expressions", () => {
  it.each(
    cases([
      ["revenue", { from: "2026-10-01", to: "2026-11-01" }],
      ["revenue today", { from: "2026-11-22", to: "2026-11-23" }],
      ["revenue yesterday", { from: "2026-11-21", to: "2026-11-22" }],
      ["revenue this week", { from: "2026-11-16", to: "2026-11-23" }],
      ["revenue last week", { from: "2026-11-09", to: "2026-11-16" }],
      ["revenue previous week", { from: "2026-11-09", to: "2026-11-16" }],
      ["revenue this month", { from: "2026-11-01", to: "2026-11-23" }],
      ["revenue month to date", { from: "2026-11-01", to: "2026-11-23" }],
      ["revenue MTD", { from: "2026-11-01", to: "2026-11-23" }],
      ["revenue past month", { from: "2026-10-01", to: "2026-11-01" }],
      ["revenue this quarter", { from: "2026-10-01", to: "2026-11-23" }],
      ["revenue QTD", { from: "2026-10-01", to: "2026-11-23" }],
      ["revenue last quarter", { from: "2026-07-01", to: "2026-10-01" }],
      ["revenue this year", { from: "2026-01-01", to: "2026-11-23" }],
      ["revenue year to date", { from: "2026-01-01", to: "2026-11-23" }],
      ["revenue YTD", { from: "2026-01-01", to: "2026-11-23" }],
      ["revenue last year", { from: "2025-01-01", to: "2026-01-01" }],
      ["revenue past 7 days", { from: "2026-11-15", to: "2026-11-22" }],
      ["revenue last 30 days", { from: "2026-10-23", to: "2026-11-22" }],
      ["revenue last 3 weeks", { from: "2026-10-26", to: "2026-11-16" }],
      ["revenue past 6 months", { from: "2026-05-01", to: "2026-11-01" }],
      ["revenue last six months", { from: "2026-05-01", to: "2026-11-01" }],
      ["revenue last 2 quarters", { from: "2026-04-01", to: "2026-10-01" }],
      ["revenue last 2 years", { from: "2024-01-01", to: "2026-01-01" }],
      ["revenue in March", { from: "2026-03-01", to: "2026-04-01" }],
      ["revenue March", { from: "2026-03-01", to: "2026-04-01" }],
      ["revenue in December", { from: "2025-12-01", to: "2026-01-01" }],
      ["revenue March 2025", { from: "2025-03-01", to: "2025-04-01" }],
      ["revenue Mar 2025", { from: "2025-03-01", to: "2025-04-01" }],
      ["revenue in may", { from: "2026-05-01", to: "2026-06-01" }],
      ["revenue Q3", { from: "2026-07-01", to: "2026-10-01" }],
      ["revenue Q3 2025", { from: "2025-07-01", to: "2025-10-01" }],
      ["revenue Q4", { from: "2026-10-01", to: "2027-01-01" }],
      ["revenue in the second quarter", { from: "2026-04-01", to: "2026-07-01" }],
      ["revenue in the first half of the year", { from: "2026-01-01", to: "2026-07-01" }],
      ["churn in H2 2025", { from: "2025-07-01", to: "2026-01-01" }],
      ["revenue 2025", { from: "2025-01-01", to: "2026-01-01" }],
      ["revenue in 2025", { from: "2025-01-01", to: "2026-01-01" }],
      ["revenue since June", { from: "2026-06-01", to: "2026-11-23" }],
      ["revenue from January to March", { from: "2026-01-01", to: "2026-04-01" }],
      ["revenue between Jan and Mar", { from: "2026-01-01", to: "2026-04-01" }],
      ["revenue from November to February", { from: "2025-11-01", to: "2026-03-01" }],
      ["revenue on 3 March 2026", { from: "2026-03-03", to: "2026-03-04" }],
      ["revenue 2026-03-03", { from: "2026-03-03", to: "2026-03-04" }],
      ["revenue on March 3rd", { from: "2026-03-03", to: "2026-03-04" }],
      ["revenue the week before last", { from: "2026-11-02", to: "2026-11-09" }],
      ["sales between 1 and 15 november", { from: "2026-11-01", to: "2026-11-16" }],
      ["revenue from 3 to 9 March 2025", { from: "2025-03-03", to: "2025-03-10" }],
      ["revenue in Q1 and Q2", { from: "2026-01-01", to: "2026-07-01" }],
      ["what were sales like in the summer?", { from: "2026-06-01", to: "2026-09-01" }],
      ["revenue in winter", { from: "2025-12-01", to: "2026-03-01" }],
    ]),
  )("%s", (q, expected) => {
    expect(parse(q)).toMatchObject(expected);
  });
});

describe("words for metrics", () => {
  it.each(
    cases([
      ["sales last month", { metric: "revenue" }],
      ["how much did we sell last week", { metric: "revenue" }],
      ["turnover this year", { metric: "revenue" }],
      ["attrition last quarter", { metric: "churn_rate" }],
      ["customers lost in october", { metric: "churned_customers" }],
      ["how many customers churned last month", { metric: "churned_customers" }],
      ["LTV by plan", { metric: "clv" }],
      ["lifetime value", { metric: "clv" }],
      ["acquisition cost by channel", { metric: "cac" }],
      ["customer acquisition cost", { metric: "cac" }],
      ["promoter score", { metric: "nps" }],
      ["satisfaction last week", { metric: "csat" }],
      ["effort score", { metric: "ces" }],
      ["signups yesterday", { metric: "new_customers" }],
      ["how many new customers did we get this week", { metric: "new_customers" }],
      ["how many customers do we have", { metric: "active_customers" }],
      ["average order value", { metric: "aov" }],
      ["revenue per customer", { metric: "arpu" }],
      ["ad spend by channel", { metric: "marketing_spend" }],
      ["deal win rate", { metric: "win_rate" }],
      ["open pipeline", { metric: "pipeline_value" }],
      ["lead conversion rate", { metric: "conversion_rate" }],
      ["customer sentiment", { metric: "sentiment" }],
      ["how are customers feeling", { metric: "sentiment" }],
      ["churn for pro plan customers", { metric: "churn_rate" }],
      ["how much did each customer spend on average last month?", { metric: "arpu" }],
      ["percentage of customers who churned last month", { metric: "churn_rate" }],
      ["survey response rate", { metric: "response_rate" }],
      ["retention", { metric: "retention_rate" }],
      ["number of orders", { metric: "orders" }],
      ["site visits last week", { metric: "web_visits" }],
      ["how many visitors did we have", { metric: "visitors" }],
      ["email opens", { metric: "email_opens" }],
      ["email clicks", { metric: "email_clicks" }],
      ["CTOR last month", { metric: "click_to_open_rate" }],
      ["tickets this week", { metric: "support_tickets" }],
      ["support load", { metric: "tickets_per_100_customers" }],
      ["mentions last month", { metric: "social_mentions" }],
      [
        "support tickets by plan last month",
        { metric: "support_tickets", groupBy: "plan", from: "2026-10-01", to: "2026-11-01" },
      ],
      ["churn rate by engagement", { metric: "churn_rate", groupBy: "engagement" }],
    ]),
  )("%s", (q, expected) => {
    expect(parse(q)).toMatchObject(expected);
  });
});

describe("typos, case and punctuation", () => {
  it.each(
    cases([
      ["whats the chrun rate last mnth", { metric: "churn_rate", from: "2026-10-01" }],
      ["revnue last quater", { metric: "revenue", from: "2026-07-01" }],
      ["REVENUE BY MONTH THIS YEAR!!!", { metric: "revenue", grain: "month" }],
      ["  nps...   last   week?? ", { metric: "nps", from: "2026-11-09" }],
      ["Custmer satisfacton", { metric: "csat" }],
    ]),
  )("%s", (q, expected) => {
    expect(parse(q)).toMatchObject(expected);
  });
});

describe("compare two ranges in words", () => {
  it.each([
    ["compare this month to last month revenue", "2026-11-01", "previous_period"],
    ["compare revenue this month with last month", "2026-11-01", "previous_period"],
    ["compare october to september revenue", "2026-10-01", "previous_period"],
    ["compare revenue this year to last year", "2026-01-01", "previous_year"],
  ])("'%s' is the first range against the second", (q, from, compare) => {
    expect(parse(q)).toMatchObject({ intent: "metric", metric: "revenue", from, compare });
  });
});

describe("series, group-by and compare", () => {
  it.each(
    cases([
      ["revenue by month", { grain: "month", groupBy: null }],
      ["monthly revenue", { grain: "month" }],
      ["orders per week", { grain: "week" }],
      ["daily signups this month", { grain: "day", from: "2026-11-01" }],
      ["revenue each quarter", { grain: "quarter" }],
      ["revenue trend", { grain: "month", from: "2025-11-01", to: "2026-11-01" }],
      ["nps over time", { grain: "month", from: "2025-11-01" }],
      ["churn history", { grain: "month" }],
      ["churn by plan", { groupBy: "plan", grain: null }],
      ["revenue per channel", { groupBy: "channel" }],
      ["nps for each country", { groupBy: "country" }],
      ["customers split by gender", { groupBy: "gender" }],
      ["churn by age group", { groupBy: "age_band" }],
      ["revenue by category", { groupBy: "category" }],
      ["pipeline by stage", { groupBy: "stage" }],
      ["win rate by owner", { groupBy: "owner" }],
      ["which plan has the highest churn", { groupBy: "plan", metric: "churn_rate" }],
      ["top 5 countries by revenue", { groupBy: "country", metric: "revenue" }],
      ["revenue by month by plan", { grain: "month", groupBy: "plan" }],
      ["revenue vs last month", { compare: "previous_period", from: "2026-10-01" }],
      [
        "revenue this month compared to the previous period",
        { compare: "previous_period", from: "2026-11-01" },
      ],
      ["is nps higher than last quarter", { compare: "previous_period" }],
      ["revenue vs last year", { compare: "previous_year" }],
      ["revenue year over year", { compare: "previous_year" }],
      [
        "revenue this month vs same month last year",
        { compare: "previous_year", from: "2026-11-01" },
      ],
    ]),
  )("%s", (q, expected) => {
    expect(parse(q)).toMatchObject(expected);
  });
});

describe("forecasts", () => {
  it("reads the metric and the horizon", () => {
    expect(parse("forecast revenue for the next 3 months")).toMatchObject({
      intent: "forecast",
      metric: "revenue",
      horizon: { n: 3, unit: "month" },
    });
    expect(parse("predict sales next quarter")).toMatchObject({
      intent: "forecast",
      metric: "revenue",
      horizon: { n: 1, unit: "quarter" },
    });
    expect(parse("what will churn be next month?")).toMatchObject({
      intent: "forecast",
      metric: "churn_rate",
      horizon: { n: 1, unit: "month" },
    });
  });
  it("covers the periods after the current one", () => {
    expect(parse("forecast revenue for the next 3 months")).toMatchObject({
      from: "2026-12-01",
      to: "2027-03-01",
      grain: "month",
    });
  });
  it("defaults to three months when no horizon is named", () => {
    expect(parse("revenue forecast")).toMatchObject({
      intent: "forecast",
      horizon: { n: 3, unit: "month" },
    });
  });
});

describe("help and unknown", () => {
  it.each(["help", "what can you do?", "What can I ask?", "examples"])("%s is help", (q) => {
    expect(parse(q).intent).toBe("help");
  });
  it("an unknown question gets up to 3 suggestions, never a guess", () => {
    const result = parse("tell me a joke");
    expect(result).toMatchObject({ intent: "unknown", metric: null, from: null });
    expect(result.suggestions.length).toBeGreaterThan(0);
    expect(result.suggestions.length).toBeLessThanOrEqual(3);
  });
  it("reads a metric from another form of its word", () => {
    expect(parse("how is churning going")).toMatchObject({
      intent: "metric",
      metric: "churn_rate",
    });
  });
  it("a question about a dimension the metric lacks still reads the dimension", () => {
    expect(parse("CAC by category")).toMatchObject({ metric: "cac", groupBy: "category" });
  });
});
