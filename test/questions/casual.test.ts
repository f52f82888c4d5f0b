/**
 * Questions as teams type them in chat (issue "One front door"): shorthand,
 * "+" for "and", "%" for a rate, values set against each other, what CAC
 * means in words; and questions that must keep working.
 */
import { describe, expect, it } from "vitest";
import { parseQuestion } from "../../src/questions/pipeline.js";
import type { WorkspaceValues } from "../../src/questions/workspace-values.js";

const now = "2026-11-22";
const values: WorkspaceValues = {
  plan: ["enterprise", "basic", "pro"],
  channel: ["referral", "ads", "organic"],
  source: ["cold calls", "website"],
  owner: ["Dara", "Aino"],
};
const read = (q: string) => parseQuestion(q, now, values);

describe("casual phrasing is read", () => {
  it.each([
    [
      "pls give me top 3 customers by rev this yr",
      {
        intent: "list",
        entity: "customers",
        metric: "revenue",
        rank: { order: "desc", limit: 3 },
        from: "2026-01-01",
      },
    ],
    [
      "orders + revenue yesterday",
      { intent: "metric", metrics: ["orders", "revenue"], from: "2026-11-21" },
    ],
    [
      "nps + csat + ces for q3",
      { intent: "metric", metrics: ["nps", "csat", "ces"], from: "2026-07-01" },
    ],
    [
      "quick q - churn % for referral customers in q3?",
      { metric: "churn_rate", filters: [{ dimension: "channel", op: "in", values: ["referral"] }] },
    ],
    [
      "<@U024BE7LH> hey, what's pro plan revenue looking like this month?",
      {
        metric: "revenue",
        filters: [{ dimension: "plan", op: "in", values: ["pro"] }],
        from: "2026-11-01",
      },
    ],
    [
      "enterprise NPS vs basic NPS this year",
      {
        metric: "nps",
        groupBy: "plan",
        filters: [{ dimension: "plan", op: "in", values: ["enterprise", "basic"] }],
      },
    ],
    [
      "most expensive acquisition channel last quarter",
      { metric: "cac", groupBy: "channel", rank: { order: "desc", limit: 1 }, from: "2026-07-01" },
    ],
    [
      "cheapest channel to acquire customers",
      { metric: "cac", groupBy: "channel", rank: { order: "asc", limit: 1 } },
    ],
    [
      "pipeline from cold calls",
      {
        metric: "pipeline_value",
        filters: [{ dimension: "source", op: "in", values: ["cold calls"] }],
      },
    ],
    [
      "all open deals owned by dara",
      {
        intent: "list",
        entity: "deals",
        filters: [{ dimension: "owner", op: "in", values: ["Dara"] }],
      },
    ],
  ] as const)("%s", (q, want) => {
    expect(read(q)).toMatchObject({ ...want, unused: [] });
  });
});

describe("questions that worked keep working", () => {
  it.each([
    [
      "active customers at the end of last year",
      { metric: "active_customers", from: "2025-01-01", to: "2026-01-01" },
    ],
    [
      "how much did we spend on marketing last month",
      { metric: "marketing_spend", from: "2026-10-01" },
    ],
    ["which metrics do you know", { intent: "help" }],
    ["how did churn change over time", { metric: "churn_rate", grain: "month", compare: null }],
  ] as const)("%s", (q, want) => {
    expect(read(q)).toMatchObject(want);
  });
});
