import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { createInsightConversations } from "../../src/insights/follow-ups.js";

const today = "2026-11-22";

/** A conversation whose last message was `question`. */
function conversationAfter(question: string) {
  const c = createInsightConversations({ clock: fixedClock("2026-11-22T12:00:00Z") });
  c.match("t", question, today);
  return c;
}

describe("follow-ups to predictive answers", () => {
  it("'and by channel?' after churn risk by plan asks for churn risk by channel", () => {
    const c = conversationAfter("churn risk by plan");
    expect(c.match("t", "and by channel?", today)).toMatchObject({
      kind: "risk_by",
      dimension: "channel",
    });
  });

  it("'what about last quarter?' after the complaint themes moves their range", () => {
    const c = conversationAfter("what are customers complaining about?");
    expect(c.match("t", "what about last quarter?", today)).toEqual({
      kind: "themes",
      range: { from: "2026-07-01", to: "2026-10-01" },
    });
  });

  it("'by segment' after profitability by channel switches to segments", () => {
    const c = conversationAfter("which channels are profitable?");
    expect(c.match("t", "and by segment", today)).toMatchObject({
      kind: "profitability",
      by: "segment",
    });
  });

  it("a metric question in between ends the context", () => {
    const c = conversationAfter("churn risk by plan");
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

  it("'what about October?' after churn risk says why risk has no other period, and keeps the risk context", () => {
    const c = conversationAfter("which customers are at risk?");
    expect(c.match("t", "what about October?", today)).toEqual({
      cannot:
        'Churn risk is scored on customers as they are now, so it has no other period. For who left then, ask "who churned" with that period.',
    });
    expect(c.match("t", "and by plan?", today)).toMatchObject({
      kind: "risk_by",
      dimension: "plan",
    });
  });

  it("a whole question naming a period after churn risk is not taken for a follow-up", () => {
    const c = conversationAfter("which customers are at risk?");
    expect(c.match("t", "in October how much revenue did we make", today)).toBeNull();
  });

  it("'and by plan?' after the complaint themes says they have no breakdown", () => {
    const c = conversationAfter("what are customers complaining about?");
    expect(c.match("t", "and by plan?", today)).toEqual({
      cannot:
        'Complaint themes cannot be broken down by plan; ask for another period instead ("what about last quarter?").',
    });
  });
});
