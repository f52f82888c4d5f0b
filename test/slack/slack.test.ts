/**
 * The real Bolt app against a fake Slack Web API over HTTP, with real signed
 * requests to POST /slack/events, on the hand-checked shop (clock fixed on
 * 2026-11-22).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SlackApp } from "../../bots/slack/app.js";
import { createSlackApp, slackIdentity } from "../../bots/slack/app.js";
import { replyBlocks, splitText } from "../../bots/slack/blocks.js";
import { createAccess } from "../../src/access/access.js";
import type { Reply } from "../../src/assistant/types.js";
import type { Pulse } from "../../src/pulse.js";
import type { FakeSlack } from "../fakes/slack-api.js";
import {
  type MessagePlace,
  type SlackHarness,
  signingSecret,
  startSlackHarness,
} from "../support/slack-harness.js";
import {
  freePort,
  postToSlack,
  type SlackRequestOptions,
  slashCommandBody,
} from "../support/slack-requests.js";

describe("Slack adapter", () => {
  let harness: SlackHarness;
  let fake: FakeSlack;
  let pulse: Pulse;
  let slack: SlackApp;

  const send = (body: string, contentType: string, options: SlackRequestOptions = {}) =>
    harness.post(body, { ...options, contentType });
  const command = (text: string, channel = "C1", user = "U1") =>
    send(
      slashCommandBody(text, channel, user, fake.responseUrl),
      "application/x-www-form-urlencoded",
    );
  const event = (inner: Record<string, unknown>, options?: { eventId?: string; retry?: number }) =>
    harness.event(inner, options);
  const mention = (text: string, at: MessagePlace) => harness.mention(text, at);
  const message = (text: string, at: MessagePlace) => harness.message(text, at);
  const action = (payload: Record<string, unknown>) => harness.interact(payload);
  /** U1 presses a button (or picks from a menu) on the message `ts` in thread `thread_ts` of C1. */
  const press = (message: { ts: string; thread_ts: string }, pressed: Record<string, unknown>) =>
    action({
      type: "block_actions",
      user: { id: "U1" },
      channel: { id: "C1" },
      container: { channel_id: "C1", message_ts: message.ts },
      message,
      trigger_id: "t",
      team: { id: "T1" },
      actions: [{ type: "button", action_ts: "1", ...pressed }],
    });
  const posts = () => fake.calls.filter((c) => c.method === "chat.postMessage");
  const postsIn = (thread: string) => posts().filter((c) => c.params.thread_ts === thread);
  /** The id of the answer posted first in `thread`, as its buttons carry it. */
  const answerIdIn = (thread: string) => {
    const blocks = postsIn(thread)[0]!.params.blocks as {
      type: string;
      elements?: { value?: string }[];
    }[];
    return blocks.find((b) => b.type === "actions")!.elements![0]!.value!;
  };
  /** U1 says `text` in C1's thread `thread` straight to the assistant, as another Pulse process would take it. */
  const askInThread = (thread: string, text: string) =>
    pulse.assistant.ask({
      conversationId: `C1:${thread}`,
      text,
      asker: {
        workspaceId: "shop",
        platform: "slack",
        userId: "U1",
        chatId: "C1",
        isDirect: false,
      },
    });

  beforeAll(async () => {
    harness = await startSlackHarness();
    ({ fake, pulse, slack } = harness);
  });
  afterAll(() => harness?.close());
  beforeEach(async () => {
    // Work of the previous test may still be uploading: let it land before counting calls.
    await slack.idle();
    fake.calls.length = 0;
    fake.uploads.length = 0;
  });

  it("a slash command is acknowledged at once and answered in a thread with blocks and the chart", async () => {
    const ack = await command("what was churn last month?");
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(2000);
    await fake.waitFor((calls) => calls.some((c) => c.method === "files.completeUploadExternal"));
    const [question, answer] = posts();
    expect(question!.params.text).toContain("what was churn last month?");
    expect(answer!.params.thread_ts).toBeDefined();
    expect(answer!.params.text).toBe("Churn rate in October 2026: 75.0%.");
    const blocks = answer!.params.blocks as { type: string }[];
    expect(blocks.map((b) => b.type)).toEqual(["section", "context", "actions"]);
    expect(JSON.stringify(blocks[1])).toContain(
      "churned customers / customers at start of period: 3 / 4",
    );
    // The file travels as multipart form data: the PNG signature is inside.
    expect(
      fake.uploads[0]!.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    ).toBe(true);
    const complete = fake.calls.find((c) => c.method === "files.completeUploadExternal")!;
    expect(complete.params).toMatchObject({
      channel_id: "C1",
      thread_ts: answer!.params.thread_ts,
    });
    expect(
      JSON.stringify(fake.calls.find((c) => c.method === "files.getUploadURLExternal")!.params),
    ).toContain("alt_t");
    expect(fake.calls.some((c) => c.method === "files.upload")).toBe(false);
  });

  it("requests are not held up by auth.test: the bot's ids are asked once, at start", async () => {
    await command("orders last month");
    await mention("nps", { ts: "90.1" });
    await fake.waitFor(() => posts().length === 3);
    expect(fake.calls.filter((c) => c.method === "auth.test")).toEqual([]);
  });

  it("a bad bot token stops Slack at start with the variable's name", async () => {
    fake.failNext("auth.test", { error: "invalid_auth" });
    await expect(slackIdentity(pulse)).rejects.toThrow(/SLACK_BOT_TOKEN.*invalid_auth/);
  });

  it("a mention is answered in its thread, and a reply there follows up", async () => {
    expect((await mention("revenue last month", { ts: "100.1" })).status).toBe(200);
    await fake.waitFor(() => postsIn("100.1").length === 1);
    expect(postsIn("100.1")[0]!.params.text).toContain("Revenue in October 2026: $360.50");
    await message("and by category?", { ts: "100.2", thread_ts: "100.1" });
    await fake.waitFor(() => postsIn("100.1").length === 2);
    expect(postsIn("100.1")[1]!.params.text).toContain("By category: shoes $300.00");
  });

  it("chat markup never changes what is asked: a mention, emoji codes and a link; an emoji in a follow-up", async () => {
    await mention(
      "<@U024BE7LH> :chart_with_upwards_trend: revenue last month??! <https://x.example/sheet|sheet>",
      { ts: "101.1" },
    );
    await fake.waitFor(() => postsIn("101.1").length === 1);
    expect(postsIn("101.1")[0]!.params.text).toContain("Revenue in October 2026: $360.50");
    await message(":thinking_face: and by category?", { ts: "101.2", thread_ts: "101.1" });
    await fake.waitFor(() => postsIn("101.1").length === 2);
    expect(postsIn("101.1")[1]!.params.text).toContain("By category: shoes $300.00");
  });

  it("under a list, a reply in the thread follows up: a breakdown counts them, another month lists that month", async () => {
    await mention("who churned last month?", { ts: "120.1" });
    await fake.waitFor(() => postsIn("120.1").length === 1);
    await message("and by plan?", { ts: "120.2", thread_ts: "120.1" });
    await fake.waitFor(() => postsIn("120.1").length === 2);
    expect(postsIn("120.1")[1]!.params.text).toContain(
      "Churned customers in October 2026: 3.\nBy plan: pro 2, basic 1.",
    );
    await message("what about September?", { ts: "120.3", thread_ts: "120.1" });
    await fake.waitFor(() => postsIn("120.1").length === 3);
    expect(postsIn("120.1")[2]!.params.text).toContain("September 2026");
  });

  it("under the complaint themes, a follow-up they cannot take is answered (to the asker) with the reason, not ignored", async () => {
    await mention("what are customers complaining about?", { ts: "125.1" });
    await fake.waitFor(() => postsIn("125.1").length >= 1);
    await slack.idle();
    const before = fake.calls.length;
    const toAsker = () => fake.calls.slice(before).filter((c) => c.method === "chat.postEphemeral");
    await message("and by plan?", { ts: "125.2", thread_ts: "125.1" });
    await fake.waitFor(() => toAsker().length === 1);
    expect(toAsker()[0]!.params.text).toContain("Complaint themes cannot be broken down by plan");
  });

  it("a mention in Pulse's thread, delivered as app_mention and as message, is answered once", async () => {
    await mention("orders last month", { ts: "150.1" });
    await fake.waitFor(() => postsIn("150.1").length === 1);
    for (const [i, text] of [
      "<@UPULSE> and by category?",
      "<@UPULSE> revenue last month",
    ].entries()) {
      const inner = { user: "U1", text, ts: `150.${i + 2}`, thread_ts: "150.1", channel: "C1" };
      await event({ type: "app_mention", ...inner });
      await event({ type: "message", channel_type: "channel", ...inner });
    }
    await slack.idle();
    expect(postsIn("150.1")).toHaveLength(3);
  });

  it("the question a slash command repeats in the channel is escaped", async () => {
    await command("revenue <!channel> & <@U2>");
    await fake.waitFor(() => posts().length >= 1);
    expect(posts()[0]!.params.text).toContain("asked: revenue &lt;!channel&gt; &amp; &lt;@U2&gt;");
    await slack.idle();
  });

  it("a reply in a thread another process answered in follows up (the database knows the thread)", async () => {
    // As if another Pulse process (or this one before a restart) had answered in thread 180.1.
    await askInThread("180.1", "revenue last month");
    await message("and by category?", { ts: "180.2", thread_ts: "180.1" });
    await fake.waitFor(() => postsIn("180.1").length === 1);
    expect(postsIn("180.1")[0]!.params.text).toContain("By category: shoes $300.00");
  });

  it("in its thread Pulse stays quiet at thanks and at talk to someone else", async () => {
    await mention("revenue last month", { ts: "170.1" });
    await fake.waitFor(() => postsIn("170.1").length === 1);
    for (const [i, text] of ["thanks, looks great!", "<@UBOB> can you send me the deck?"].entries())
      await message(text, { ts: `170.${i + 2}`, thread_ts: "170.1", user: "U2" });
    await slack.idle();
    expect(postsIn("170.1")).toHaveLength(1);
  });

  it("in its thread an alert command Pulse cannot run is answered with the reason, to the asker alone, not ignored as talk", async () => {
    await mention("revenue last month", { ts: "175.1" });
    await fake.waitFor(() => postsIn("175.1").length === 1);
    await message("alert me when the weather is nice", { ts: "175.2", thread_ts: "175.1" });
    const reason = () => fake.calls.filter((c) => c.method === "chat.postEphemeral");
    await fake.waitFor(() => reason().length === 1);
    expect(reason()[0]!.params).toMatchObject({ user: "U1", thread_ts: "175.1" });
    expect(reason()[0]!.params.text).toContain("could not read that alert");
  });

  it("a command where Pulse is not a member tells the asker, privately, how to fix it", async () => {
    fake.failNext("chat.postMessage", { error: "not_in_channel" });
    await command("revenue last month", "C9");
    await fake.waitFor((calls) => calls.some((c) => c.method === "response_url"));
    const response = fake.calls.find((c) => c.method === "response_url")!;
    expect(response.params).toMatchObject({ response_type: "ephemeral" });
    expect(response.params.text).toContain("/invite @Pulse");
    await slack.idle();
    expect(posts()).toHaveLength(1);
  });

  it("a direct message is answered", async () => {
    await harness.direct("orders last month", { ts: "200.1", channel: "D1" });
    await fake.waitFor(() => posts().length === 1);
    expect(posts()[0]!.params).toMatchObject({ channel: "D1" });
    expect(posts()[0]!.params.text).toContain("Orders in October 2026: 4");
  });

  it("a retried event is answered once", async () => {
    const inner = {
      type: "app_mention",
      user: "U1",
      text: "<@UPULSE> orders last month",
      ts: "300.1",
      channel: "C1",
    };
    await event(inner, { eventId: "EvRetry" });
    await event(inner, { eventId: "EvRetry", retry: 1 });
    await event(inner, { eventId: "EvRetry", retry: 2 });
    await slack.idle();
    expect(postsIn("300.1")).toHaveLength(1);
  });

  it("an event Slack delivers to two Pulse processes at once is answered once", async () => {
    // A second process: its own Bolt app, port and memory; only the database is shared.
    const port = await freePort();
    const other = createSlackApp(
      { ...pulse, config: { ...pulse.config, port } },
      await slackIdentity(pulse),
    );
    await other.app.start();
    try {
      const body = JSON.stringify({
        type: "event_callback",
        team_id: "T1",
        api_app_id: "A1",
        event_id: "EvTwoProcesses",
        event_time: 1,
        event: {
          type: "app_mention",
          user: "U1",
          text: "<@UPULSE> orders last month",
          ts: "310.1",
          channel: "C1",
        },
      });
      const acks = await Promise.all([
        harness.post(body, { contentType: "application/json" }),
        postToSlack(port, signingSecret, body, { contentType: "application/json", retry: 1 }),
      ]);
      expect(acks.map((a) => a.status)).toEqual([200, 200]);
      await Promise.all([slack.idle(), other.idle()]);
      expect(postsIn("310.1")).toHaveLength(1);
    } finally {
      await other.idle();
      await other.app.stop();
    }
  });

  it("a bad signature, or a timestamp over 5 minutes old or ahead, is rejected with 401", async () => {
    const body = JSON.stringify({
      type: "event_callback",
      event_id: "EvBad",
      event: { type: "app_mention", text: "hi", channel: "C1", ts: "1.1" },
    });
    expect((await send(body, "application/json", { signature: "v0=deadbeef" })).status).toBe(401);
    for (const skew of [-600, 600])
      expect(
        (await send(body, "application/json", { timestamp: Math.floor(Date.now() / 1000) + skew }))
          .status,
      ).toBe(401);
    expect(posts()).toHaveLength(0);
  });

  it("a table over 20 rows comes as a CSV file, not pages of code blocks", async () => {
    await mention("daily revenue this year", { ts: "410.1" });
    await fake.waitFor(() => postsIn("410.1").length === 1);
    await slack.idle();
    fake.uploads.length = 0;
    const answerId = answerIdIn("410.1");
    await press({ ts: "410.5", thread_ts: "410.1" }, { action_id: "pulse_table", value: answerId });
    await fake.waitFor((calls) =>
      calls.some(
        (c) =>
          c.method === "files.getUploadURLExternal" && String(c.params.filename).endsWith(".csv"),
      ),
    );
    await slack.idle();
    expect(postsIn("410.1")).toHaveLength(1);
    const csv = fake.uploads.map(String).find((u) => u.includes("period,value"))!;
    expect(csv).toContain("2026-01-01,");
    expect(csv.split(/\r?\n/).filter((line) => /^\d{4}-\d{2}-\d{2},/.test(line))).toHaveLength(326);
  });

  it("the table and explain buttons update their message; a breakdown follows in the thread", async () => {
    await mention("revenue last month", { ts: "400.1" });
    await fake.waitFor(() => postsIn("400.1").length === 1);
    const answerId = answerIdIn("400.1");
    const message = { ts: "400.5", thread_ts: "400.1" };
    const updates = () => fake.calls.filter((c) => c.method === "chat.update");
    await press(message, { action_id: "pulse_table", value: answerId });
    await fake.waitFor(() => updates().length === 1);
    expect(updates()[0]!.params).toMatchObject({ channel: "C1", ts: "400.5" });
    expect(JSON.stringify(updates()[0]!.params.blocks)).toContain("```");
    // The updated message keeps its buttons.
    expect(JSON.stringify(updates()[0]!.params.blocks)).toContain("pulse_explain");
    await press(message, { action_id: "pulse_explain", value: answerId });
    await fake.waitFor(() => updates().length === 2);
    expect(updates()[1]!.params.text).toContain("Formula: sum of order amounts less refunds.");
    expect(postsIn("400.1")).toHaveLength(1);
    await press(message, {
      type: "static_select",
      action_id: "pulse_breakdown",
      selected_option: { value: `${answerId}|category` },
    });
    await fake.waitFor(() => postsIn("400.1").length === 2);
    expect(postsIn("400.1")[1]!.params.text).toContain("By category");
  });

  it("a button on an answer that is gone tells the presser alone, in the thread, and changes no message", async () => {
    for (const action_id of ["pulse_why", "pulse_table"])
      await press({ ts: "420.5", thread_ts: "420.1" }, { action_id, value: "no-such-answer" });
    const ephemeral = () => fake.calls.filter((c) => c.method === "chat.postEphemeral");
    await fake.waitFor(() => ephemeral().length === 2);
    await slack.idle();
    for (const call of ephemeral()) {
      expect(call.params).toMatchObject({ channel: "C1", user: "U1", thread_ts: "420.1" });
      expect(call.params.text).toContain("no longer available");
    }
    expect(posts()).toEqual([]);
    expect(fake.calls.some((c) => c.method === "chat.update")).toBe(false);
  });

  it("Snooze under an alert whose rule was deleted tells the presser alone; on a live rule the thread hears it", async () => {
    const made = await askInThread("430.1", "alert me when churn goes above 5%");
    const id = /Created alert (\d+)/.exec(made.text)![1]!;
    await press(
      { ts: "430.5", thread_ts: "430.5" },
      { action_id: "pulse_alert_snooze", value: id },
    );
    await fake.waitFor(() => postsIn("430.5").length === 1);
    expect(postsIn("430.5")[0]!.params.text).toContain(`Snoozed alert ${id}`);
    await askInThread("430.1", `delete alert ${id}`);
    await press({ ts: "430.5", thread_ts: "430.5" }, { action_id: "pulse_alert_mute", value: id });
    const ephemeral = () => fake.calls.filter((c) => c.method === "chat.postEphemeral");
    await fake.waitFor(() => ephemeral().length === 1);
    await slack.idle();
    expect(ephemeral()[0]!.params).toMatchObject({ channel: "C1", user: "U1", thread_ts: "430.5" });
    expect(ephemeral()[0]!.params.text).toContain(`no alert ${id}`);
    expect(postsIn("430.5")).toHaveLength(1);
  });

  it("in a channel that is not allowed the asker alone gets a polite refusal, and no numbers", async () => {
    const access = createAccess(pulse.db, "shop");
    await access.allow({ platform: "slack", kind: "channel", subject: "C-ALLOWED" });
    try {
      await mention("revenue last month", { ts: "500.1", channel: "C-OTHER" });
      const refusals = () => fake.calls.filter((c) => c.method === "chat.postEphemeral");
      await fake.waitFor(() => refusals().length === 1);
      await slack.idle();
      // Only the asker sees the refusal; the channel sees nothing.
      expect(refusals()[0]!.params).toMatchObject({ channel: "C-OTHER", user: "U1" });
      expect(refusals()[0]!.params.text).not.toMatch(/\d/);
      expect(postsIn("500.1")).toHaveLength(0);
      expect(fake.uploads).toHaveLength(0);
    } finally {
      await access.revoke({ platform: "slack", kind: "channel", subject: "C-ALLOWED" });
    }
  });

  it("/pulse help, or /pulse where the asker may not ask, answers the asker alone and posts nothing", async () => {
    const access = createAccess(pulse.db, "shop");
    await access.allow({ platform: "slack", kind: "channel", subject: "C-ALLOWED" });
    try {
      const privately = () => fake.calls.filter((c) => c.method === "response_url");
      await command("help");
      await command("revenue last month", "C-OTHER");
      await fake.waitFor(() => privately().length === 2);
      await slack.idle();
      const [help, refusal] = privately().map((c) => c.params);
      expect(help).toMatchObject({ response_type: "ephemeral" });
      expect(String(refusal!.text)).not.toMatch(/\d/);
      expect(posts()).toEqual([]);
    } finally {
      await access.revoke({ platform: "slack", kind: "channel", subject: "C-ALLOWED" });
    }
  });

  it("an answer taking over a second shows an hourglass on the question until the answer is out", async () => {
    // Slack asks Pulse to wait 2 s before posting the answer in the thread: the answer is slow.
    fake.failNext("chat.postMessage", {
      status: 429,
      retryAfter: 2,
      match: (params) => params.thread_ts !== undefined,
    });
    const before = fake.calls.length;
    expect((await command("orders last month")).ms).toBeLessThan(2000);
    const since = () => fake.calls.slice(before);
    await fake.waitFor(() => since().some((c) => c.method === "reactions.add"));
    // The question the command repeated, on which the hourglass goes.
    const question = fake.posted.findLast((m) =>
      String(m.text).includes("asked: orders last month"),
    )!;
    expect(since().find((c) => c.method === "reactions.add")!.params).toMatchObject({
      channel: "C1",
      timestamp: question.ts,
      name: "hourglass_flowing_sand",
    });
    await fake.waitFor(() => since().some((c) => c.method === "reactions.remove"), 20_000);
    const methods = since().map((c) => c.method);
    // Off once the answer is out, not before.
    expect(methods.lastIndexOf("chat.postMessage")).toBeLessThan(
      methods.indexOf("reactions.remove"),
    );
    expect(fake.posted.map((m) => String(m.text))).toContainEqual(
      expect.stringContaining("Orders in October 2026: 4"),
    );
  });

  it("help and errors in a channel are shown to the asker alone", async () => {
    const ephemeral = () => fake.calls.filter((c) => c.method === "chat.postEphemeral");
    await mention("help", { ts: "560.1" });
    await fake.waitFor(() => ephemeral().length === 1);
    expect(ephemeral()[0]!.params).toMatchObject({ channel: "C1", user: "U1", thread_ts: "560.1" });
    // An answer that cannot be stored (its table gone for a moment) is an error reply.
    await pulse.db.rows(sql`alter table answers rename to answers_away`);
    try {
      await mention("orders last month", { ts: "560.2" });
      await fake.waitFor(() => ephemeral().length === 2);
      await slack.idle();
    } finally {
      await pulse.db.rows(sql`alter table answers_away rename to answers`);
    }
    expect(ephemeral()[1]!.params).toMatchObject({ channel: "C1", user: "U1", thread_ts: "560.2" });
    expect(ephemeral()[1]!.params.text).toMatch(
      /something went wrong on my side \(error [0-9a-f]{8}\)/,
    );
    expect(posts()).toEqual([]);
  });

  it("a rate-limited post is retried as Slack says", async () => {
    fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    await mention("orders last month", { ts: "600.1" });
    await fake.waitFor(() => postsIn("600.1").length === 2, 20_000);
    expect(postsIn("600.1")[1]!.params.text).toContain("Orders in October 2026");
  });

  it("a failed chart upload still delivers the text answer", async () => {
    fake.failNext("files.getUploadURLExternal", { error: "internal_error" });
    await mention("revenue by month this year", { ts: "700.1" });
    await fake.waitFor(() => postsIn("700.1").length === 1);
    await slack.idle();
    expect(postsIn("700.1")[0]!.params.text).toContain("Revenue in 1 January - 22 November 2026");
  });

  it("App Home shows the key numbers with the refresh time", async () => {
    await event({ type: "app_home_opened", user: "U1", channel: "D1", tab: "home" });
    await fake.waitFor((calls) => calls.some((c) => c.method === "views.publish"));
    const view = JSON.stringify(fake.calls.find((c) => c.method === "views.publish")!.params);
    expect(view).toContain("revenue");
    expect(view).toContain("Updated 2026-11-22 12:00 UTC");
  });
});

describe("Block Kit limits", () => {
  it("splits long text into sections of at most 3,000 characters", () => {
    const text = Array.from({ length: 500 }, (_, i) => `row ${i} ${"x".repeat(20)}`).join("\n");
    const pieces = splitText(text);
    expect(pieces.length).toBeGreaterThan(1);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(3000);
    expect(pieces.join("\n")).toBe(text);
  });
  it("never sends more than 50 blocks", () => {
    const reply: Reply = { kind: "help", text: "y\n".repeat(200_000), examples: [] };
    expect(replyBlocks(reply).length).toBeLessThanOrEqual(50);
  });
});
