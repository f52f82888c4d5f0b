/**
 * A channel typed as text in /pulse ("#sales": Slack sends it unescaped) is
 * looked up by name (conversations.list) before a rule is stored, or asked
 * back: through the real Bolt app against the fake Slack API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRules } from "../../src/alerts/rules.js";
import type { fixedClock } from "../../src/clock.js";
import type { FakeSlack } from "../fakes/slack-api.js";
import { type SlackHarness, startSlackHarness } from "../support/slack-harness.js";
import { slashCommandBody } from "../support/slack-requests.js";

describe("channels named as text in Slack", () => {
  let harness: SlackHarness;
  let fake: FakeSlack;

  beforeAll(async () => {
    harness = await startSlackHarness({ shop: false, charts: false });
    fake = harness.fake;
  });
  afterAll(() => harness?.close());

  /** U1 types `/pulse <text>` in C1; the reply, in the question's thread or to U1 alone. */
  const pulse = async (text: string): Promise<string> => {
    const before = fake.calls.length;
    await harness.post(slashCommandBody(text, "C1", "U1", fake.responseUrl), {
      contentType: "application/x-www-form-urlencoded",
    });
    const reply = (calls: typeof fake.calls) =>
      calls
        .slice(before)
        .find(
          (c) =>
            (c.method === "chat.postMessage" && c.params.thread_ts !== undefined) ||
            c.method === "chat.postEphemeral" ||
            c.method === "response_url",
        );
    await fake.waitFor((calls) => reply(calls) !== undefined);
    return String(reply(fake.calls)!.params.text);
  };
  const rulesIn = (chatId: string) =>
    listRules(harness.pulse.db, { workspaceId: "shop", platform: "slack", chatId });

  it("stores a rule for #sales typed as text with the channel's id", async () => {
    const reply = await pulse("notify #sales when a deal is won");
    expect(reply).toContain("Created alert");
    expect(reply).toContain("posts to <#C0SALES>");
    expect(await rulesIn("C0SALES")).toHaveLength(1);
    expect(await rulesIn("#sales")).toEqual([]);
  });

  it("asks which channel is meant when none has the name, and stores nothing", async () => {
    const reply = await pulse("notify #nowhere when a deal is lost");
    expect(reply).toContain("I do not see a channel called #nowhere");
    expect(reply).not.toContain("Created alert");
    expect(await rulesIn("#nowhere")).toEqual([]);
  });

  it("reads the list once, and again for a name not found a minute later (a channel made since)", async () => {
    const lists = () => fake.calls.filter((c) => c.method === "conversations.list").length;
    expect(lists()).toBe(1);
    fake.channels.push({ id: "C0NEW", name: "launch" });
    const clock = harness.pulse.clock as ReturnType<typeof fixedClock>;
    clock.set(new Date(clock.now().getTime() + 61_000));
    expect(await pulse("notify #launch when a deal is won")).toContain("posts to <#C0NEW>");
    expect(lists()).toBe(2);
  });
});
