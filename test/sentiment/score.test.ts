/** The sentiment scorer on labelled examples, negation included. */
import { describe, expect, it } from "vitest";
import { scoreSentiment } from "../../src/sentiment/score.js";

describe("sentiment of labelled examples", () => {
  it.each([
    "Great coffee and super fast delivery, love it",
    "Excellent service, the team is always helpful",
    "Best beans I have ever ordered, highly recommend",
  ])("positive: %s", (text) => {
    expect(scoreSentiment(text)).toBeGreaterThan(0.2);
  });

  it.each([
    "Terrible customer service, I waited three weeks for a refund",
    "The grinder broke after a week, very disappointed",
    "Shipping is slow and the tracking is useless",
  ])("negative: %s", (text) => {
    expect(scoreSentiment(text)).toBeLessThan(-0.2);
  });

  it.each(["Delivery was on time", "The order arrived on Tuesday"])("neutral: %s", (text) => {
    expect(Math.abs(scoreSentiment(text)!)).toBeLessThanOrEqual(0.2);
  });

  it.each(["Not good, the coffee tasted stale", "not good", "The service was not great"])(
    "negation turns praise negative: %s",
    (text) => {
      expect(scoreSentiment(text)).toBeLessThan(0);
    },
  );

  it("gives no score to text in a language it cannot read, or to no text", () => {
    expect(scoreSentiment("这个咖啡很好喝")).toBeNull();
    expect(scoreSentiment("Очень плохая доставка")).toBeNull();
    expect(scoreSentiment("")).toBeNull();
  });
});
