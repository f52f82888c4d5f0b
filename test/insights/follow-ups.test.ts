import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { createInsightConversations } from "../../src/insights/follow-ups.js";

const today = "2026-11-22";

describe("follow-ups to predictive answers", () => {
  it("'and by channel?' after churn risk by plan asks for churn risk by channel", () => {
    const c = createInsightConversations({ clock: fixedClock("2026-11-22T12:00:00Z") });
    c.match("t", "churn risk by plan", today);
    expect(c.match("t", "and by channel?", today)).toMatchObject({
      kind: "risk_by",
      dimension: "channel",
    });
  });

  it("'what about last quarter?' after the complaint themes moves their range", () => {
    const c = createInsightConversations({ clock: fixedClock("2026-11-22T12:00:00Z") });
    c.match("t", "what are customers complaining about?", today);
    expect(c.match("t", "what about last quarter?", today)).toEqual({
      kind: "themes",
      range: { from: "2026-07-01", to: "2026-10-01" },
    });
  });

  it("'by segment' after profitability by channel switches to segments", () => {
    const c = createInsightConversations({ clock: fixedClock("2026-11-22T12:00:00Z") });
    c.match("t", "which channels are profitable?", today);
    expect(c.match("t", "and by segment", today)).toMatchObject({
      kind: "profitability",
      by: "segment",
    });
  });

  it("a metric question in between ends the context", () => {
    const c = createInsightConversations({ clock: fixedClock("2026-11-22T12:00:00Z") });
    c.match("t", "churn risk by plan", today);
    expect(c.match("t", "revenue last month", today)).toBeNull();
    expect(c.match("t", "and by channel?", today)).toBeNull();
  });

  it("follows up only in the same conversation and within 30 minutes", () => {
    const clock = fixedClock("2026-11-22T12:00:00Z");
    const c = createInsightConversations({ clock });
    c.match("t", "churn risk by plan", today);
    expect(c.match("other", "and by channel?", today)).toBeNull();
    clock.set("2026-11-22T12:31:00Z");
    expect(c.match("t", "and by channel?", today)).toBeNull();
  });
});
