/**
 * The access table in Slack, black-box over HTTP against the fake Slack API:
 * for every combination of rules, a person asking in an allowed channel or
 * their allowed DM gets the answer, and anywhere else gets a refusal with no
 * number and no chart. Buttons, App Home and a linked customer's DM too.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AccessRule, createAccess } from "../../src/access/access.js";
import type { SlackCall } from "../fakes/slack-api.js";
import { type SlackHarness, startSlackHarness } from "../support/slack-harness.js";

const ruleSets: Record<string, AccessRule[]> = {
  "no rule": [],
  "user U1": [{ platform: "slack", kind: "user", subject: "U1" }],
  "channel C1": [{ platform: "slack", kind: "channel", subject: "C1" }],
  "user U1 and channel C1": [
    { platform: "slack", kind: "user", subject: "U1" },
    { platform: "slack", kind: "channel", subject: "C1" },
  ],
};

/** Where each person asks: two channels and their own DM. */
const places = (user: string) => [
  { channel: "C1", direct: false },
  { channel: "C2", direct: false },
  { channel: `D${user}`, direct: true },
];

/** The expectation, written independently of src/access: docs/access.md's table. */
function expected(rules: AccessRule[], user: string, place: { channel: string; direct: boolean }) {
  if (rules.length === 0) return true;
  if (place.direct) return rules.some((r) => r.kind === "user" && r.subject === user);
  return rules.some((r) => r.kind === "channel" && r.subject === place.channel);
}

describe("access in Slack", () => {
  let harness: SlackHarness;
  let ts = 1000;
  const access = () => createAccess(harness.pulse.db, "shop");
  const setRules = async (rules: AccessRule[]) => {
    await harness.pulse.db.rows(sql`delete from access_rules`);
    for (const rule of rules) await access().allow(rule);
  };
  /** Everything Slack was asked to show in `channel` after the call index `from`. */
  const shownIn = (channel: string, from: number): SlackCall[] =>
    harness.fake.calls
      .slice(from)
      .filter(
        (c) =>
          ((c.method === "chat.postMessage" || c.method === "chat.postEphemeral") &&
            c.params.channel === channel) ||
          (c.method === "files.completeUploadExternal" && c.params.channel_id === channel),
      );
  const ask = async (user: string, place: { channel: string; direct: boolean }, text: string) => {
    const from = harness.fake.calls.length;
    await harness.event(
      place.direct
        ? {
            type: "message",
            channel_type: "im",
            user,
            text,
            ts: `${++ts}.1`,
            channel: place.channel,
          }
        : {
            type: "app_mention",
            user,
            text: `<@UPULSE> ${text}`,
            ts: `${++ts}.1`,
            channel: place.channel,
          },
    );
    await harness.fake.waitFor(() => shownIn(place.channel, from).length > 0);
    await harness.slack.idle();
    return shownIn(place.channel, from);
  };

  beforeAll(async () => {
    harness = await startSlackHarness({
      charts: false,
      env: { SURVEY_BUSINESS_NAME: "Acme Shop" },
    });
  });
  afterAll(() => harness?.close());
  beforeEach(() => setRules([]));

  for (const [name, rules] of Object.entries(ruleSets))
    for (const user of ["U1", "U2"])
      it(`with ${name}: ${user} gets numbers exactly where the table allows`, async () => {
        await setRules(rules);
        for (const place of places(user)) {
          const shown = await ask(user, place, "revenue last month");
          const text = shown.map((c) => String(c.params.text ?? "")).join("\n");
          if (expected(rules, user, place)) expect(text, place.channel).toContain("Revenue");
          else {
            expect(text, place.channel).toContain("not shared");
            expect(text, place.channel).not.toMatch(/\d/);
            expect(shown.filter((c) => c.method === "files.completeUploadExternal")).toEqual([]);
            if (!place.direct) expect(shown.map((c) => c.method)).toEqual(["chat.postEphemeral"]);
          }
        }
      });

  it("a user rule does not let its user post numbers in a channel with no rule, by /pulse either", async () => {
    await setRules(ruleSets["user U1"]!);
    const from = harness.fake.calls.length;
    await harness.post(
      new URLSearchParams({
        command: "/pulse",
        text: "revenue by month this year",
        channel_id: "C9",
        user_id: "U1",
        trigger_id: "t",
        team_id: "T1",
        response_url: harness.fake.responseUrl,
      }).toString(),
    );
    const refusals = () =>
      harness.fake.calls.slice(from).filter((c) => c.method === "response_url");
    await harness.fake.waitFor(() => refusals().length === 1);
    await harness.slack.idle();
    // The asker alone hears why; the channel sees nothing, not even the question.
    expect(refusals()[0]!.params).toMatchObject({ response_type: "ephemeral" });
    expect(String(refusals()[0]!.params.text)).toContain("not shared");
    expect(String(refusals()[0]!.params.text)).not.toMatch(/\d/);
    expect(shownIn("C9", from)).toEqual([]);
  });

  it("a button pressed in a channel that is not allowed shows no numbers", async () => {
    const answered = await ask("U1", { channel: "C1", direct: false }, "revenue last month");
    const blocks = answered[0]!.params.blocks as {
      type: string;
      elements?: { value?: string }[];
    }[];
    const answerId = blocks.find((b) => b.type === "actions")!.elements![0]!.value!;
    await setRules(ruleSets["user U1 and channel C1"]!);
    for (const action_id of ["pulse_table", "pulse_explain"]) {
      const from = harness.fake.calls.length;
      await harness.interact({
        type: "block_actions",
        user: { id: "U1" },
        channel: { id: "C2" },
        container: { channel_id: "C2", message_ts: "9.5" },
        message: { ts: "9.5" },
        trigger_id: "t",
        team: { id: "T1" },
        actions: [{ type: "button", action_id, value: answerId, action_ts: "1" }],
      });
      await harness.fake.waitFor(() => shownIn("C2", from).length > 0);
      expect(String(shownIn("C2", from)[0]!.params.text)).not.toMatch(/\d/);
    }
  });

  it("App Home shows numbers only to a person allowed in direct messages", async () => {
    await setRules(ruleSets["channel C1"]!);
    const from = harness.fake.calls.length;
    await harness.event({ type: "app_home_opened", user: "U2", channel: "DU2", tab: "home" });
    await harness.fake.waitFor((calls) =>
      calls.slice(from).some((c) => c.method === "views.publish"),
    );
    const view = JSON.stringify(
      harness.fake.calls.slice(from).find((c) => c.method === "views.publish")!.params.view,
    );
    expect(view).toContain("only with people an admin has allowed");
    expect(view).not.toMatch(/\d/);
  });

  describe("a linked customer's Slack user", () => {
    beforeAll(() =>
      harness.pulse.db.rows(sql`update customers set slack_user_id = 'UC1' where id = 'c1'`),
    );

    it("gets only the survey side in a DM: no number and no other customer's name", async () => {
      for (const text of ["what was revenue last month?", "which customers are at risk?"]) {
        const shown = await ask("UC1", { channel: "DUC1", direct: true }, text);
        expect(shown.map((c) => c.method)).toEqual(["chat.postMessage"]);
        expect(shown[0]!.params.text).toBe(
          'This chat is for short surveys from Acme Shop. Send "stop" to stop them.',
        );
      }
    });

    it("gets the customer help text for help", async () => {
      const [help] = await ask("UC1", { channel: "DUC1", direct: true }, "help");
      expect(String(help!.params.text)).toContain("This chat is for feedback to Acme Shop");
    });

    it("is refused in an allowed channel too", async () => {
      await setRules(ruleSets["channel C1"]!);
      const shown = await ask("UC1", { channel: "C1", direct: false }, "revenue last month");
      expect(String(shown[0]!.params.text)).toContain("not shared");
    });

    it("is on the team side when a user rule names them", async () => {
      await setRules([{ platform: "slack", kind: "user", subject: "UC1" }]);
      const shown = await ask("UC1", { channel: "DUC1", direct: true }, "revenue last month");
      expect(String(shown[0]!.params.text)).toContain("Revenue");
    });
  });
});
