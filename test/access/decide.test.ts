/**
 * The access table of docs/access.md, row by row: who (team member, allowed
 * user, customer) x where (allowed channel, other channel, own DM) x what
 * (aggregate, personal), for Slack and Telegram.
 */
import { describe, expect, it } from "vitest";
import { type AccessFacts, decide, isDirectChat, type What } from "../../src/access/access.js";

type Rules = AccessFacts["rules"];
const channelRule = (subject: string): Rules[number] => ({ kind: "channel", subject });
const chatRule = (subject: string): Rules[number] => ({ kind: "chat", subject });
const userRule = (subject: string): Rules[number] => ({ kind: "user", subject });

const slackRules: Rules = [channelRule("C1"), userRule("U1")];
const telegramRules: Rules = [chatRule("-100"), userRule("11")];

// [platform, rules, isCustomer, user, chat, isDirect, what, allowed]
type Row = ["slack" | "telegram", Rules, boolean, string, string, boolean, What, boolean];
const table: Row[] = [
  // Slack, rules in place.
  ["slack", slackRules, false, "U1", "C1", false, "aggregate", true],
  ["slack", slackRules, false, "U2", "C1", false, "aggregate", true],
  ["slack", slackRules, false, "U1", "C2", false, "aggregate", false],
  ["slack", slackRules, false, "U1", "C1", false, "personal", false],
  ["slack", slackRules, false, "U1", "DU1", true, "aggregate", true],
  ["slack", slackRules, false, "U1", "DU1", true, "personal", true],
  ["slack", slackRules, false, "U2", "DU2", true, "aggregate", false],
  ["slack", slackRules, false, "U2", "DU2", true, "personal", false],
  ["slack", slackRules, true, "U2", "C1", false, "aggregate", false],
  ["slack", slackRules, true, "U1", "DU1", true, "personal", true],
  // Slack, no rule: open to the workspace's members, personal data still in DMs only.
  ["slack", [], false, "U2", "C9", false, "aggregate", true],
  ["slack", [], false, "U2", "C9", false, "personal", false],
  ["slack", [], false, "U2", "DU2", true, "personal", true],
  ["slack", [], true, "U2", "DU2", true, "aggregate", false],
  // Telegram, rules in place.
  ["telegram", telegramRules, false, "11", "-100", false, "aggregate", true],
  ["telegram", telegramRules, false, "12", "-100", false, "aggregate", true],
  ["telegram", telegramRules, false, "11", "-200", false, "aggregate", false],
  ["telegram", telegramRules, false, "11", "-100", false, "personal", false],
  ["telegram", telegramRules, false, "11", "11", true, "personal", true],
  ["telegram", telegramRules, false, "12", "12", true, "aggregate", false],
  ["telegram", telegramRules, true, "12", "-100", false, "aggregate", false],
  // Telegram, no rule: nobody.
  ["telegram", [], false, "12", "12", true, "aggregate", false],
  ["telegram", [], false, "12", "-100", false, "aggregate", false],
];

describe("the access table", () => {
  it.each(table)(
    "%s (rules %j, customer %s): user %s in %s (direct %s) for %s -> %s",
    (platform, rules, isCustomer, userId, chatId, isDirect, what, allowed) => {
      const decision = decide(
        { rules, isCustomer },
        { platform, userId },
        { chatId, isDirect },
        what,
      );
      expect(decision.allowed).toBe(allowed);
      if (!decision.allowed) expect(decision.reason).not.toBe("");
    },
  );

  it("the terminal is the operator's own: always allowed", () => {
    const who = { platform: "terminal" as const, userId: "" };
    expect(
      decide({ rules: [], isCustomer: false }, who, { chatId: "", isDirect: false }, "personal"),
    ).toEqual({
      allowed: true,
    });
  });

  it("tells a direct chat from a shared one by its id", () => {
    expect(isDirectChat("slack", "D123")).toBe(true);
    expect(isDirectChat("slack", "U123")).toBe(true);
    expect(isDirectChat("slack", "C123")).toBe(false);
    expect(isDirectChat("telegram", "12345")).toBe(true);
    expect(isDirectChat("telegram", "-100123")).toBe(false);
  });
});
