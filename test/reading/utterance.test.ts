import { describe, expect, it } from "vitest";
import { parseQuestion } from "../../src/questions/pipeline.js";
import { utter } from "../../src/reading/utterance.js";

const now = "2026-11-22";

describe("chat markup never changes what a question means", () => {
  const plain = parseQuestion("revenue last month", now);
  it.each([
    "<@U024BE7LH> :chart_with_upwards_trend: revenue last month??!",
    "revenue last month <https://docs.example.com/sheet|sheet>",
    "revenue last month https://docs.example.com/sheet?id=1",
    "`revenue` *last month*",
    "“revenue last month”",
    "/ask@PulseBot revenue last month",
    "@PulseBot revenue last month 📈",
    "<!here> revenue last month :+1::skin-tone-2:",
  ])("%s", (text) => {
    expect(parseQuestion(text, now)).toEqual(plain);
  });

  it("reads Slack's escapes as typed: '&amp;' is '&', read as 'and'", () => {
    expect(parseQuestion("revenue &amp; orders last month", now)).toEqual(
      parseQuestion("revenue and orders last month", now),
    );
  });

  it("keeps a channel Slack linked, with its id, and one typed as text", () => {
    expect(utter("post it to <#C024BE7LR|sales>").channels).toEqual([
      { id: "C024BE7LR", name: "sales" },
    ]);
    expect(utter("post it to #general").channels).toEqual([{ id: null, name: "general" }]);
  });

  it("drops what Telegram marks as mentions and links", () => {
    const text = "@pulse_helper revenue last month t.me/x";
    const entities = [
      { type: "mention", offset: 0, length: 13 },
      { type: "url", offset: 33, length: 6 },
    ];
    expect(utter(text, { entities }).text).toBe("revenue last month");
  });
});

describe("numbers are read once, as meant", () => {
  const values = (text: string) =>
    utter(text).numbers.map((n) => ({ value: n.value, percent: n.percent }));
  it.each([
    ["5%", 5, true],
    ["5 %", 5, true],
    ["five percent", 5, true],
    ["10k", 10_000, false],
    ["2.5k", 2_500, false],
    ["1.2m", 1_200_000, false],
    ["€1,000", 1_000, false],
    ["40 000", 40_000, false],
    ["-5", -5, false],
  ] as const)("%s is %d", (text, value, percent) => {
    expect(values(`above ${text} please`)).toEqual([{ value, percent }]);
  });

  it("reads a number before a word that starts like an ordinal suffix", () => {
    expect(values("under €8,000 this month")).toEqual([{ value: 8000, percent: false }]);
  });

  it("leaves out times of day, dates and quarters", () => {
    expect(values("at 9am on 2026-03-03 in q3 at 08:30")).toEqual([]);
  });

  it("reads a decimal comma where the workspace writes one", () => {
    expect(utter("over 1.000,50", { numbers: { decimalComma: true } }).numbers[0]?.value).toBe(
      1000.5,
    );
  });
});
