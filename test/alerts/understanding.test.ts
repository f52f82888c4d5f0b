/**
 * Alerts read right or answered with a question: each misread of the issue
 * ("an order over 1k", "a big order", "every day at 25:00", "vs last week",
 * "top customers by revenue", "by plan", "in november", "about churn") and
 * each phrase of alert language.
 */
import { describe, expect, it } from "vitest";
import { parseAlertCommand } from "../../src/alerts/commands.js";
import { scheduleInWords } from "../../src/alerts/describe.js";

const today = "2026-11-25";
const parse = (text: string) => parseAlertCommand(text, today);

describe("alerts read as said", () => {
  it('"an order over 1k" is an order of more than 1,000', () => {
    expect(parse("alert me when an order over 1k")).toMatchObject({
      kind: "create",
      definition: {
        kind: "event",
        source: "order",
        conditions: [{ field: "amount", op: ">", value: 1000 }],
      },
    });
  });

  it('"2.5k" and "€1,000" are numbers', () => {
    expect(parse("alert me when an order over 2.5k comes in")).toMatchObject({
      definition: { conditions: [{ value: 2500 }] },
    });
    expect(parse("alert me when an order over €1,000 comes in")).toMatchObject({
      definition: { conditions: [{ value: 1000 }] },
    });
    expect(parse("alert me when revenue this week falls below 2.5k")).toMatchObject({
      definition: { kind: "threshold", value: 2500 },
    });
  });

  it('"a big order" with no amount gets a question back', () => {
    expect(parse("alert me when a big order comes in")).toEqual({
      kind: "invalid",
      message: expect.stringContaining("Over what amount is an order big?"),
    });
  });

  it('"every day at 25:00" is refused, not scheduled at 09:00', () => {
    expect(parse("every day at 25:00 send revenue yesterday")).toEqual({
      kind: "invalid",
      message: expect.stringContaining('"25:00" is not a time of day'),
    });
  });

  it('"orders drop by more than 30% vs last week" compares last full week with the week before', () => {
    expect(parse("alert me when orders drop by more than 30% vs last week")).toMatchObject({
      definition: {
        kind: "change",
        against: "period",
        direction: "down",
        percent: 30,
        query: { metric: "orders", window: { kind: "last", unit: "week" } },
      },
    });
  });

  it("week over week compares full weeks too", () => {
    expect(parse("tell me if revenue drops more than 20% week over week")).toMatchObject({
      definition: {
        kind: "change",
        against: "period",
        query: { metric: "revenue", window: { kind: "last", unit: "week" } },
      },
    });
  });

  it('a digest of "top customers by revenue" is refused, not answered with another metric', () => {
    expect(parse("every Monday at 9 send top customers by revenue")).toEqual({
      kind: "invalid",
      message: expect.stringContaining('I cannot send "top customers by revenue" in a digest'),
    });
  });

  it('"churn rate by plan above 5%" watches each plan', () => {
    expect(parse("alert me when churn rate by plan goes above 5%")).toMatchObject({
      definition: {
        kind: "threshold",
        value: 5,
        query: { metric: "churn_rate", groupBy: "plan", window: { kind: "days", days: 30 } },
      },
    });
  });

  it('"revenue in november" keeps November, not the last 30 days', () => {
    expect(parse("alert me when revenue in november goes above 1000")).toMatchObject({
      definition: {
        kind: "threshold",
        value: 1000,
        query: {
          metric: "revenue",
          window: { kind: "fixed", from: "2026-11-01", to: "2026-12-01" },
        },
      },
    });
  });

  it('"alert me about churn" gets a question back', () => {
    expect(parse("alert me about churn")).toEqual({
      kind: "invalid",
      message: expect.stringContaining("What should I watch churn for?"),
    });
  });
});

describe("alert language", () => {
  it('"tell me / let me know / notify / ping" create alerts', () => {
    for (const text of [
      "tell me when churn goes above 5%",
      "let me know if churn goes above 5%",
      "notify me when churn goes above 5%",
      "ping us when churn goes above 5%",
    ])
      expect(parse(text), text).toMatchObject({
        kind: "create",
        definition: { kind: "threshold" },
      });
  });

  it("a channel named in the text is the target", () => {
    expect(parse("notify <#C0SALES|sales> when churn goes above 5%")).toMatchObject({
      kind: "create",
      target: "C0SALES",
    });
    expect(parse("ping #sales when an order over 1k comes in")).toMatchObject({
      kind: "create",
      target: "#sales",
    });
  });

  it("test, run now, history", () => {
    expect(parse("send a test of alert 3")).toEqual({ kind: "test", id: 3 });
    expect(parse("test alert 3")).toEqual({ kind: "test", id: 3 });
    expect(parse("run alert 3 now")).toEqual({ kind: "run", id: 3 });
    expect(parse("show alert history")).toEqual({ kind: "history", id: null });
    expect(parse("show alert history 3")).toEqual({ kind: "history", id: 3 });
    expect(parse("history of alert 3")).toEqual({ kind: "history", id: 3 });
  });

  it("edit a threshold's number, change a schedule, redefine", () => {
    expect(parse("edit alert 3: above 7%")).toEqual({
      kind: "retune",
      id: 3,
      comparison: ">",
      value: 7,
    });
    expect(parse("change alert 3 to Fridays at 8")).toEqual({
      kind: "reschedule",
      id: 3,
      schedule: "0 8 * * 5",
    });
    expect(parse("edit alert 3: alert me when nps goes below 20")).toMatchObject({
      kind: "redefine",
      id: 3,
      rule: { definition: { kind: "threshold", value: 20, comparison: "<" } },
    });
  });

  it('"mute alert 2 for a week" is quiet for a week', () => {
    expect(parse("mute alert 2 for a week")).toEqual({
      kind: "snooze",
      id: 2,
      span: { minutes: 10080 },
    });
    expect(parse("mute alert 2")).toEqual({ kind: "mute", id: 2 });
  });

  it("questions stay questions", () => {
    expect(parse("tell me when churn was highest")).toBeNull();
    expect(parse("revenue last week")).toBeNull();
  });
});

describe("schedules in words", () => {
  it("say the day and local time with the zone, never cron", () => {
    expect(scheduleInWords("0 9 * * 1", "Europe/Helsinki")).toBe("Mondays 09:00 Europe/Helsinki");
    expect(scheduleInWords("30 8 * * *", "UTC")).toBe("every day 08:30 UTC");
    expect(scheduleInWords("0 9 * * 1-5", "Asia/Kolkata")).toBe("weekdays 09:00 Asia/Kolkata");
    expect(scheduleInWords("0 * * * *", "UTC")).toBe("every hour at :00 UTC");
    expect(scheduleInWords("0 9 1 * *", "UTC")).toBe("on day 1 of every month 09:00 UTC");
  });
});
