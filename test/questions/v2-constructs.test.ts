/**
 * The v2 language, construct by construct (questions.md "contract v2"):
 * filters, not_in, several values, rankings by direction, lists, several
 * metrics, explain, words that match nothing. Values are a small business of
 * our own, not the demo's, so the rules are read from the language.
 */
import { describe, expect, it } from "vitest";
import { parseQuestion, understand } from "../../src/questions/pipeline.js";
import type { WorkspaceValues } from "../../src/questions/workspace-values.js";

const now = "2026-11-22";
const values: WorkspaceValues = {
  plan: ["Starter", "Growth", "Enterprise"],
  channel: ["google", "newsletter", "referral", "podcast"],
  country: ["NO", "DK", "PL"],
  category: ["shoes", "bags"],
  owner: ["Maria", "Jonas"],
  source: ["referral", "website", "trade show"],
};
const ask = (q: string) => parseQuestion(q, now, values);

describe("filters", () => {
  it.each([
    ["revenue for the enterprise plan", { dimension: "plan", op: "in", values: ["Enterprise"] }],
    ["churn in Norway last quarter", { dimension: "country", op: "in", values: ["NO"] }],
    ["orders from Danish customers", { dimension: "country", op: "in", values: ["DK"] }],
    [
      "NPS of customers acquired through the podcast",
      { dimension: "channel", op: "in", values: ["podcast"] },
    ],
    ["orders from men", { dimension: "gender", op: "in", values: ["m"] }],
    ["shoes revenue this year", { dimension: "category", op: "in", values: ["shoes"] }],
    ["win rate of deals owned by Jonas", { dimension: "owner", op: "in", values: ["Jonas"] }],
    ["Maria's win rate", { dimension: "owner", op: "in", values: ["Maria"] }],
    ["csat of customers aged 25-34", { dimension: "age_band", op: "in", values: ["25-34"] }],
    ["revenue from champions", { dimension: "segment", op: "in", values: ["champions"] }],
    ["pipeline value in negotiation", { dimension: "stage", op: "in", values: ["negotiation"] }],
  ])("%s", (q, filter) => {
    expect(ask(q)).toMatchObject({ intent: "metric", filters: [filter], unused: [] });
  });

  it("a value of two dimensions belongs to the one the metric has", () => {
    expect(ask("win rate of referral deals").filters).toEqual([
      { dimension: "source", op: "in", values: ["referral"] },
    ]);
    expect(ask("churn of customers from referral").filters).toEqual([
      { dimension: "channel", op: "in", values: ["referral"] },
    ]);
  });

  it.each([
    ["revenue outside Poland", "country", ["PL"]],
    ["revenue excluding the starter plan", "plan", ["Starter"]],
    ["orders not from google last month", "channel", ["google"]],
  ])("'%s' is not_in", (q, dimension, list) => {
    expect(ask(q).filters).toEqual([{ dimension, op: "not_in", values: list }]);
  });

  it("several values of one dimension are one filter, several dimensions are AND", () => {
    expect(ask("active customers on the starter or growth plan in Denmark").filters).toEqual([
      { dimension: "plan", op: "in", values: ["Starter", "Growth"] },
      { dimension: "country", op: "in", values: ["DK"] },
    ]);
  });

  it("comparing groups is no comparison of ranges", () => {
    expect(ask("compare revenue across plans")).toMatchObject({ groupBy: "plan", compare: null });
  });

  it("a plural names the same value", () => {
    expect(ask("win rate of referrals").filters).toEqual([
      { dimension: "source", op: "in", values: ["referral"] },
    ]);
  });

  it("comparing values groups by their dimension", () => {
    expect(ask("compare revenue in Norway and Denmark")).toMatchObject({
      groupBy: "country",
      filters: [{ dimension: "country", op: "in", values: ["NO", "DK"] }],
      compare: null,
    });
  });

  it("filters work with forecasts", () => {
    expect(ask("forecast enterprise revenue for the next 3 months")).toMatchObject({
      intent: "forecast",
      filters: [{ dimension: "plan", op: "in", values: ["Enterprise"] }],
    });
  });
});

describe("rankings", () => {
  it.each([
    ["which plan has the highest churn", "plan", "desc", 1],
    ["which plan has the lowest churn", "plan", "asc", 1],
    ["best plan for churn", "plan", "asc", 1],
    ["worst plan for churn", "plan", "desc", 1],
    ["best channel for revenue", "channel", "desc", 1],
    ["worst channel for NPS", "channel", "asc", 1],
    ["top 3 countries by revenue", "country", "desc", 3],
    ["bottom 2 channels by orders", "channel", "asc", 2],
    ["which channel has the lowest CAC", "channel", "asc", 1],
    ["rank channels by NPS", "channel", "desc", null],
    ["rank plans by churn, lowest first", "plan", "asc", null],
  ])("%s", (q, groupBy, order, limit) => {
    expect(ask(q)).toMatchObject({ intent: "metric", groupBy, rank: { order, limit }, unused: [] });
  });
});

describe("lists", () => {
  it.each([
    ["top 5 customers by revenue this year", "customers", "revenue", { order: "desc", limit: 5 }],
    ["who churned last month?", "customers", "churned_customers", null],
    ["biggest open deals", "deals", "pipeline_value", { order: "desc", limit: 10 }],
    ["who are our biggest spenders", "customers", "revenue", { order: "desc", limit: 10 }],
    ["which customers signed up yesterday", "customers", "new_customers", null],
    ["list customers in Norway", "customers", "active_customers", null],
    ["show me the top 10 customers by orders", "customers", "orders", { order: "desc", limit: 10 }],
  ])("%s", (q, entity, metric, rank) => {
    expect(ask(q)).toMatchObject({ intent: "list", entity, metric, rank, unused: [] });
  });

  it("a verb that names the metric stays with the list: who signed up through a channel", () => {
    expect(ask("list customers who signed up via the podcast this month")).toMatchObject({
      intent: "list",
      metric: "new_customers",
      filters: [{ dimension: "channel", op: "in", values: ["podcast"] }],
    });
  });

  it("a list keeps its filters", () => {
    expect(ask("which enterprise customers signed up this week?")).toMatchObject({
      intent: "list",
      metric: "new_customers",
      from: "2026-11-16",
      filters: [{ dimension: "plan", op: "in", values: ["Enterprise"] }],
    });
  });
});

describe("several metrics", () => {
  it.each([
    ["revenue and orders last week", ["revenue", "orders"]],
    ["churn, NPS and CSAT last month", ["churn_rate", "nps", "csat"]],
    ["revenue vs orders by month", ["revenue", "orders"]],
  ])("%s", (q, metrics) => {
    expect(ask(q)).toMatchObject({ intent: "metric", metric: metrics[0], metrics, unused: [] });
  });
});

describe("explain", () => {
  it.each([
    ["why did revenue go up in October?", "revenue", "2026-10-01", "previous_period"],
    ["why is churn higher than last year?", "churn_rate", "2026-10-01", "previous_year"],
    ["what drove the drop in NPS last month", "nps", "2026-10-01", "previous_period"],
    ["why is revenue down this month", "revenue", "2026-11-01", "previous_period"],
    [
      "what caused the increase in new customers in september",
      "new_customers",
      "2026-09-01",
      "previous_period",
    ],
    [
      "explain the change in churn for the growth plan",
      "churn_rate",
      "2026-10-01",
      "previous_period",
    ],
  ])("%s", (q, metric, from, compare) => {
    expect(ask(q)).toMatchObject({ intent: "explain", metric, from, compare, unused: [] });
  });
});

describe("values in the singular", () => {
  it("'shoe revenue' is category shoes, as 'shoes revenue' is", () => {
    expect(ask("shoe revenue last month").filters).toEqual([
      { dimension: "category", op: "in", values: ["shoes"] },
    ]);
  });
});

describe("deals won or lost", () => {
  it.each([
    [
      "which deals did Maria win this year",
      "won",
      [{ dimension: "owner", op: "in", values: ["Maria"] }],
    ],
    ["lost deals last month", "lost", []],
  ])("'%s' lists the deals at stage %s only", (q, stage, others) => {
    expect(ask(q)).toMatchObject({ intent: "list", entity: "deals", metrics: ["win_rate"] });
    expect(ask(q).filters).toEqual([...others, { dimension: "stage", op: "in", values: [stage] }]);
  });
});

describe("words that match nothing", () => {
  it.each([
    "revenue from tiktok last month",
    "revenue by colour",
    "churn rate by city",
    "revenue for the gold plan",
    "revenue in Narnia",
  ])("'%s' is unknown with suggestions, not a number for another question", (q) => {
    const got = ask(q);
    expect(got.intent).toBe("unknown");
    expect(got.suggestions.length).toBeGreaterThan(0);
    expect(got.unused.length).toBeGreaterThan(0);
  });

  it("a metric's name left over is not answered as another metric", () => {
    const got = ask("churn among customers who signed up in 2025");
    expect(got.intent).toBe("unknown");
    expect(got.unused).toContain("churn");
    expect(got.suggestions[0]).toMatch(/^churn rate/i);
  });

  it.each([
    ["how did the espresso machines sell in October", ["espresso", "machines"]],
    ["how many orders were over 100 euros last month", ["euros"]],
    ["what's our best month ever for revenue", ["month"]],
  ])("'%s' leaves a thing it names unread, so it is unknown, not a number", (q, words) => {
    const got = ask(q);
    expect(got.intent).toBe("unknown");
    expect(got.unused).toEqual(expect.arrayContaining(words));
  });

  it("an unknown plan is named as typed: 'platinum' in 'the platinum plan'", () => {
    const { query } = understand("revenue for the platinum plan", now, values);
    expect(query.intent === "unknown" && query.reason).toMatch(/"platinum" \(in "platinum plan"\)/);
  });

  it("a negation left over ('customers who never ordered') is unknown, not the customers who did", () => {
    const got = ask("customers who never ordered");
    expect(got.intent).toBe("unknown");
    expect(got.unused).toContain("never");
  });

  it("a ranking with nothing to rank ('who sold the most this quarter') is unknown, not the total", () => {
    expect(ask("who sold the most this quarter").intent).toBe("unknown");
  });

  it("a word that names nothing ('exactly') is noted beside the number", () => {
    expect(ask("revenue last month exactly")).toMatchObject({
      intent: "metric",
      unused: ["exactly"],
    });
  });

  it("a ratio no metric is named for ('orders per customer') is unknown, not the orders", () => {
    expect(ask("orders per customer last month")).toMatchObject({
      intent: "unknown",
      unused: ["customer"],
    });
    expect(ask("revenue per customer last month").metrics).toEqual(["arpu"]);
  });

  it("a median is not answered as a count or a sum", () => {
    expect(ask("median order value last month").intent).toBe("unknown");
    expect(ask("what is the median revenue per customer").intent).toBe("unknown");
  });

  it("a filter the metric cannot take is unknown", () => {
    expect(ask("win rate for the enterprise plan").intent).toBe("unknown");
  });

  it("every field of v2 is there, also for v1 questions", () => {
    expect(ask("revenue last month")).toMatchObject({
      metrics: ["revenue"],
      filters: [],
      rank: null,
      entity: null,
      unused: [],
    });
  });
});

describe("words other businesses use", () => {
  it.each([
    ["CSAT for Dutch customers", "NL"],
    ["churn of French customers", "FR"],
    ["revenue from American customers", "US"],
    ["orders from Indian customers", "IN"],
  ])("a nationality several territories share is the country's: %s", (q, code) => {
    expect(ask(q).filters).toEqual([{ dimension: "country", op: "in", values: [code] }]);
  });
  it("a word the rules read is no typo of a vocabulary word ('spenders' is not 'genders')", () => {
    expect(ask("biggest spenders last year")).toMatchObject({
      intent: "list",
      entity: "customers",
      metric: "revenue",
      rank: { order: "desc", limit: 10 },
      filters: [],
      unused: [],
    });
  });
  it("customers named by what they did are a list: 'customers who signed up through google'", () => {
    expect(ask("customers who signed up through google last month")).toMatchObject({
      intent: "list",
      entity: "customers",
      metric: "new_customers",
      filters: [{ dimension: "channel", op: "in", values: ["google"] }],
      unused: [],
    });
  });
});

describe("comparisons and verbs of other questions", () => {
  it("a second range named as the comparison is the previous period: 'revenue in Q3 vs Q2'", () => {
    expect(ask("revenue in Q3 vs Q2")).toMatchObject({
      from: "2026-07-01",
      to: "2026-10-01",
      compare: "previous_period",
      unused: [],
    });
    expect(ask("orders in October 2026 against October 2025")).toMatchObject({
      from: "2026-10-01",
      compare: "previous_year",
      unused: [],
    });
  });
  it("a range that is not the previous one is not read as the comparison", () => {
    expect(ask("revenue in Q3 vs Q1").compare).toBeNull();
  });
  it("'bring in' and 'generate' are verbs of the metric, not words left out", () => {
    expect(ask("how much revenue did the growth plan bring in last month?").unused).toEqual([]);
    expect(ask("revenue generated by the podcast this year").unused).toEqual([]);
  });
  it("a series over customers is a number's, not a list: 'show revenue for growth plan customers by month'", () => {
    expect(ask("show revenue for growth plan customers by month")).toMatchObject({
      intent: "metric",
      grain: "month",
      filters: [{ dimension: "plan", op: "in", values: ["Growth"] }],
      unused: [],
    });
  });
  it.each([
    ["NPS by country, lowest first", "asc"],
    ["revenue by plan, highest first", "desc"],
    ["churn by channel, worst first", "desc"],
  ])("'%s' orders every group", (q, order) => {
    expect(ask(q)).toMatchObject({ rank: { order, limit: null }, unused: [] });
  });
  it("'which deals did Maria win' uses 'win'", () => {
    expect(ask("which deals did Maria win last quarter")).toMatchObject({
      intent: "list",
      entity: "deals",
      metric: "win_rate",
      unused: [],
    });
  });
  it("'the customers we lost' lists who churned, every word used", () => {
    expect(ask("list the customers we lost last quarter")).toMatchObject({
      intent: "list",
      metric: "churned_customers",
      unused: [],
    });
  });
});

describe("values and words as other businesses have them", () => {
  const telco: WorkspaceValues = {
    plan: ["Month-to-month", "One year", "Two year"],
    channel: ["Electronic check", "Mailed check", "Credit card (automatic)"],
  };
  it("a value is named without its bracketed note: 'credit card' is 'Credit card (automatic)'", () => {
    expect(parseQuestion("active customers paying by credit card", now, telco).filters).toEqual([
      { dimension: "channel", op: "in", values: ["Credit card (automatic)"] },
    ]);
  });
  it("an English word two edits and a first letter from a vocabulary word is no typo of it", () => {
    // "credit" was read as "predict", and the question as a forecast.
    expect(ask("revenue from credit customers").intent).not.toBe("forecast");
  });
});
