/**
 * The alert language of the issue, said in Slack (the real Bolt app, a fake
 * Slack Web API) and in a Telegram group (the real grammY bot, a fake Bot
 * API): each phrase creates, tests, runs, edits, shows or mutes what it says,
 * and changing the workspace's time zone asks about the rules first.
 * `pulse alert ...` is test/alerts/cli.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackHarness } from "../support/slack-harness.js";
import { startTelegramHarness } from "../support/telegram-harness.js";

interface Door {
  /** Says the words in a shared chat; resolves with what Pulse sent back, once it contains `reply`. */
  expect(words: string, reply: string | RegExp): Promise<string>;
  close(): Promise<void>;
}

/** Waits for Pulse's reply containing `expected` to the words just said. */
async function replyTo(
  calls: { params: Record<string, unknown> }[],
  waitFor: (predicate: () => boolean, timeoutMs?: number) => Promise<void>,
  send: () => Promise<unknown>,
  expected: string | RegExp,
): Promise<string> {
  const before = calls.length;
  await send();
  const said = () =>
    calls
      .slice(before)
      .map((c) => String(c.params.text ?? ""))
      .join("\n");
  const found = () =>
    typeof expected === "string" ? said().includes(expected) : expected.test(said());
  await waitFor(found, 15_000).catch(() => {});
  return said();
}

const slackDoor = async (): Promise<Door> => {
  const harness = await startSlackHarness({ charts: false });
  let ts = 100;
  return {
    expect: (words: string, reply: string | RegExp) =>
      replyTo(
        harness.fake.calls,
        (p, t) => harness.fake.waitFor(p, t),
        () =>
          harness.event({
            type: "app_mention",
            user: "U1",
            text: `<@UPULSE> ${words}`,
            ts: `${++ts}.1`,
            channel: "C1",
          }),
        reply,
      ),
    close: () => harness.close(),
  };
};

const group = { id: -2002, type: "group", title: "Team" };
const from = { id: 501, is_bot: false, first_name: "Ann" };

const telegramDoor = async (): Promise<Door> => {
  const harness = await startTelegramHarness({
    allow: [{ platform: "telegram", kind: "chat", subject: String(group.id) }],
  });
  let id = 0;
  return {
    expect: (words: string, reply: string | RegExp) =>
      replyTo(
        harness.fake.calls,
        (p, t) => harness.fake.waitFor(p, t),
        async () =>
          harness.fake.pushUpdate({
            message: {
              message_id: ++id,
              date: 1,
              chat: group,
              from,
              text: `@pulse_test_bot ${words}`,
            },
          }),
        reply,
      ),
    close: () => harness.close(),
  };
};

describe.each([
  { name: "Slack", open: slackDoor, channel: "ping <#C0SALES|sales> when a deal is won" },
  { name: "Telegram", open: telegramDoor, channel: "notify us when a deal is won" },
])("alert language in $name", ({ open, channel }) => {
  let door: Door;
  beforeAll(async () => {
    door = await open();
  });
  afterAll(() => door?.close());

  // The phrases build on each other (alert 1, 2 and 3), in the order a team would say them.
  const phrases: [string, string | RegExp][] = [
    ["tell me when churn goes above 5%", "Created alert 1. I understood:"],
    ["let me know if revenue drops more than 20% week over week", "Created alert 2. I understood:"],
    [channel, /Created alert 3\. I understood:\n3\. each deal that reaches stage won/],
    ["send a test of alert 1", "Sending a test of alert 1"],
    ["run alert 1 now", "Checking alert 1 now"],
    ["edit alert 1: above 7%", "churn rate over the last 30 days above 7.0%"],
    ["change alert 1 to Fridays at 8", "checked Fridays 08:00 UTC"],
    ["show alert history", "Latest firings in this chat:\nalert 1"],
    ["mute alert 2 for a week", "Snoozed alert 2 until Sun 29 Nov"],
    ["set the time zone to Europe/Helsinki", "3 alerts run in UTC"],
    ["set the time zone to Europe/Helsinki and move alerts", "Moved 3 alerts to Europe/Helsinki"],
    ["list alerts", "checked Fridays 08:00 Europe/Helsinki"],
  ];
  it.each(phrases)('"%s"', async (words, reply) => {
    const said = await door.expect(words, reply);
    if (typeof reply === "string") expect(said).toContain(reply);
    else expect(said).toMatch(reply);
  });
});
