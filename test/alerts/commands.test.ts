/** Alert commands as people type them in Slack or Telegram. */
import { describe, expect, it } from "vitest";
import { parseAlertCommand } from "../../src/alerts/commands.js";
import { scheduleFromWords } from "../../src/alerts/schedule.js";

const today = "2026-11-23";
const parse = (text: string) => parseAlertCommand(text, today);
/** The definition of a rule the text creates (fails the test when it creates none). */
const definitionOf = (text: string) => {
  const command = parse(text);
  if (command?.kind !== "create") throw new Error(`not a rule: ${JSON.stringify(command)}`);
  return command.definition;
};

describe("alert commands", () => {
  it("reads a threshold with a default range and minimum volume", () => {
    expect(parse("alert me when churn goes above 5%")).toMatchObject({
      kind: "create",
      schedule: null,
      definition: {
        kind: "threshold",
        comparison: ">",
        value: 5,
        minVolume: 30,
        question: "churn last 30 days",
      },
    });
  });

  it("keeps a range and a minimum volume the user gave", () => {
    expect(
      parse("alert me when churn rate last month is over 5% with at least 100 customers"),
    ).toMatchObject({
      definition: {
        kind: "threshold",
        question: "churn rate last month",
        value: 5,
        minVolume: 100,
      },
    });
  });

  it("reads a fall below", () => {
    expect(parse("notify us if revenue this week falls below 1,000")).toMatchObject({
      definition: {
        kind: "threshold",
        comparison: "<",
        value: 1000,
        question: "revenue this week",
      },
    });
  });

  it("reads a change against the same days of last week", () => {
    expect(parse("alert me when revenue this week drops more than 20% vs last week")).toMatchObject(
      {
        definition: {
          kind: "change",
          against: "week",
          direction: "down",
          percent: 20,
          question: "revenue this week",
        },
      },
    );
  });

  it("reads an anomaly", () => {
    expect(parse("alert me when revenue is out of its normal range")).toMatchObject({
      schedule: "0 9 * * *",
      definition: { kind: "anomaly", metric: "revenue", grain: "day" },
    });
  });

  it("reads event alerts: big orders, churned enterprise customers, signups from a channel, detractors", () => {
    expect(parse("alert me when an order over 1000 comes in")).toMatchObject({
      definition: {
        kind: "event",
        source: "order",
        conditions: [{ field: "amount", op: ">", value: 1000 }],
      },
    });
    expect(parse("alert me when a customer on plan enterprise churns")).toMatchObject({
      definition: {
        kind: "event",
        source: "churn",
        conditions: [{ field: "plan", op: "=", value: "enterprise" }],
      },
    });
    expect(parse("alert me when someone signs up from channel ads")).toMatchObject({
      definition: {
        kind: "event",
        source: "signup",
        conditions: [{ field: "channel", value: "ads" }],
      },
    });
    expect(parse("alert me when a detractor answers a survey")).toMatchObject({
      definition: {
        kind: "event",
        source: "event",
        conditions: [{ field: "kind", value: "survey_detractor" }],
      },
    });
  });

  it("reads deal events: won, lost, moved to a stage, new over an amount, by owner", () => {
    const deal = definitionOf;
    expect(deal("notify me when a deal is won")).toEqual({
      kind: "event",
      source: "deal",
      conditions: [{ field: "stage", op: "=", value: "won" }],
    });
    expect(deal("alert me when a deal is lost")).toMatchObject({
      conditions: [{ field: "stage", value: "lost" }],
    });
    expect(deal("tell me when a deal moves to the negotiation stage")).toMatchObject({
      source: "deal",
      conditions: [{ field: "stage", value: "negotiation" }],
    });
    expect(deal("alert me when a deal over 10k owned by aino is won")).toMatchObject({
      conditions: [
        { field: "stage", value: "won" },
        { field: "amount", op: ">", value: 10_000 },
        { field: "owner", value: "aino" },
      ],
    });
    expect(deal("alert me when a new deal over 5k comes in")).toMatchObject({
      conditions: [
        { field: "is_new", value: "true" },
        { field: "amount", op: ">", value: 5_000 },
      ],
    });
  });

  it("asks back about a stage it does not know, and about a deal count worded as one deal", () => {
    expect(parseAlertCommand("tell me when a deal moves to contract", today)).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining('Which stage is "contract"?'),
    });
    expect(definitionOf("alert me when a deal is over 10k")).toMatchObject({
      kind: "event",
      source: "deal",
    });
  });

  it("reads signups on a plan, or on a plan above another; asks which customers are big", () => {
    expect(definitionOf("alert me when someone signs up for pro")).toMatchObject({
      source: "signup",
      conditions: [{ field: "plan", op: "=", value: "pro" }],
    });
    expect(definitionOf("alert me when a new pro customer signs up")).toMatchObject({
      source: "signup",
      conditions: [{ field: "plan", op: "=", value: "pro" }],
    });
    expect(definitionOf("alert me when someone signs up on a plan above basic")).toMatchObject({
      source: "signup",
      conditions: [{ field: "plan", op: ">", value: "basic" }],
    });
    expect(
      parseAlertCommand("alert me when a new signup over a plan comes in", today),
    ).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("Above which plan?"),
    });
    expect(parseAlertCommand("alert me when a big customer churns", today)).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("Which customers are big?"),
    });
  });

  it("reads a digest with its schedule and questions", () => {
    expect(parse("every Monday at 9 send revenue last week and NPS")).toMatchObject({
      kind: "create",
      schedule: "0 9 * * 1",
      definition: { kind: "digest", questions: ["revenue last week", "nps"] },
    });
    expect(parse("send churn last month every day at 8:30")).toMatchObject({
      schedule: "30 8 * * *",
      definition: { kind: "digest", questions: ["churn last month"] },
    });
  });

  it("refuses a digest question it cannot answer, naming it", () => {
    expect(parse("every Monday at 9 send revenue last week and the weather")).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining('"the weather"'),
    });
  });

  it("reads list, pause, resume, delete, mute and snooze", () => {
    expect(parse("list alerts")).toEqual({ kind: "list" });
    expect(parse("Pause alert 3")).toEqual({ kind: "pause", id: 3 });
    expect(parse("resume alert #3")).toEqual({ kind: "resume", id: 3 });
    expect(parse("delete alert 3.")).toEqual({ kind: "delete", id: 3 });
    expect(parse("mute alert 4")).toEqual({ kind: "mute", id: 4 });
    expect(parse("snooze alert 4 for 2 hours")).toEqual({
      kind: "snooze",
      id: 4,
      span: { minutes: 120 },
    });
  });

  it("leaves questions alone", () => {
    expect(parse("what was churn last month?")).toBeNull();
    expect(parse("revenue by plan")).toBeNull();
    expect(parse("show revenue every month")).toBeNull();
    expect(parse("tell me when churn was highest")).toBeNull();
    expect(parse("alerts")).toEqual({ kind: "list" });
  });

  it("turns plain schedule words into cron", () => {
    expect(scheduleFromWords("every weekday at 9am")).toBe("0 9 * * 1-5");
    expect(scheduleFromWords("every month on the 1st at 10")).toBe("0 10 1 * *");
    expect(scheduleFromWords("every hour")).toBe("0 * * * *");
    expect(scheduleFromWords("daily at 5pm")).toBe("0 17 * * *");
  });
});
