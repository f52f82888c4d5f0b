import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { createConversations } from "../../src/questions/follow-ups.js";
import { interpretationOf } from "../../src/questions/query.js";

const now = "2026-11-22";

describe("follow-ups", () => {
  const start = () => {
    const clock = fixedClock("2026-11-22T12:00:00Z");
    const conversations = createConversations({ clock, ttlMs: 60_000 });
    conversations.interpret("c", "what was churn last month?", now);
    return {
      clock,
      conversations,
      ask: (q: string) => interpretationOf(conversations.interpret("c", q, now)),
    };
  };

  it("'and by plan?' adds a breakdown to the last question", () => {
    expect(start().ask("and by plan?")).toMatchObject({
      metric: "churn_rate",
      from: "2026-10-01",
      groupBy: "plan",
    });
  });
  it("'what about last year?' changes only the range", () => {
    expect(start().ask("what about last year?")).toMatchObject({
      metric: "churn_rate",
      from: "2025-01-01",
      to: "2026-01-01",
    });
  });
  it("'same for revenue' changes only the metric", () => {
    expect(start().ask("same for revenue")).toMatchObject({
      metric: "revenue",
      from: "2026-10-01",
      to: "2026-11-01",
    });
  });
  it("'compare with the previous month' adds a comparison", () => {
    expect(start().ask("compare with the previous month")).toMatchObject({
      metric: "churn_rate",
      compare: "previous_period",
    });
  });
  it("'by month instead' sets the grain", () => {
    expect(start().ask("by month instead")).toMatchObject({ metric: "churn_rate", grain: "month" });
  });
  it("refinements accumulate", () => {
    const { ask } = start();
    ask("and by channel?");
    expect(ask("what about last quarter?")).toMatchObject({
      groupBy: "channel",
      from: "2026-07-01",
    });
  });
  it("a full new question replaces the context", () => {
    expect(start().ask("how many orders yesterday")).toMatchObject({
      metric: "orders",
      from: "2026-11-21",
      groupBy: null,
    });
  });
  it("conversations do not share context", () => {
    const { conversations } = start();
    expect(conversations.interpret("other", "and by plan?", now).intent).toBe("unknown");
  });
  it("context expires", () => {
    const { clock, ask } = start();
    clock.set("2026-11-22T12:05:00Z");
    expect(ask("and by plan?").intent).toBe("unknown");
  });

  it("'only in Finland' adds a filter", () => {
    expect(start().ask("only in Finland")).toMatchObject({
      metric: "churn_rate",
      from: "2026-10-01",
      filters: [{ dimension: "country", op: "in", values: ["FI"] }],
    });
  });
  it("'and for enterprise?' replaces the filter on the same dimension", () => {
    const { ask } = start();
    ask("and for the pro plan?");
    expect(ask("and for the enterprise plan?")).toMatchObject({
      metric: "churn_rate",
      filters: [{ dimension: "plan", op: "in", values: ["enterprise"] }],
    });
  });
  it("'and the month before?' moves the range back one month", () => {
    expect(start().ask("and the month before?")).toMatchObject({
      metric: "churn_rate",
      from: "2026-09-01",
      to: "2026-10-01",
    });
  });
  it("'why?' explains the last answer", () => {
    const { ask } = start();
    ask("only in Finland");
    expect(ask("why?")).toMatchObject({
      intent: "explain",
      metric: "churn_rate",
      from: "2026-10-01",
      compare: "previous_period",
      filters: [{ dimension: "country", op: "in", values: ["FI"] }],
    });
  });
});

describe("follow-ups under a list", () => {
  const start = () => {
    const conversations = createConversations({ clock: fixedClock("2026-11-22T12:00:00Z") });
    conversations.interpret("c", "who churned last month?", now);
    return (q: string) => interpretationOf(conversations.interpret("c", q, now));
  };

  it("'what about September?' lists who churned in September", () => {
    expect(start()("what about September?")).toMatchObject({
      intent: "list",
      metric: "churned_customers",
      entity: "customers",
      from: "2026-09-01",
      to: "2026-10-01",
    });
  });
  it("'and by plan?' counts them by plan over the same range", () => {
    expect(start()("and by plan?")).toMatchObject({
      intent: "metric",
      metric: "churned_customers",
      groupBy: "plan",
      from: "2026-10-01",
      to: "2026-11-01",
    });
  });
  it("'only in Finland' keeps the list, of customers in Finland", () => {
    expect(start()("only in Finland")).toMatchObject({
      intent: "list",
      metric: "churned_customers",
      filters: [{ dimension: "country", op: "in", values: ["FI"] }],
      from: "2026-10-01",
    });
  });
});
