/**
 * Names of customers are personal data: in Slack the at-risk list reaches a
 * direct message only; asked in a channel, the channel gets counts and the
 * list goes to the asker's direct messages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPlanted, plantedNow, plantedWorkspace } from "../support/planted-churn.js";
import { type SlackHarness, startSlackHarness } from "../support/slack-harness.js";

describe("personal data in Slack", () => {
  let harness: SlackHarness;
  const answerIn = async (channel: string) => {
    await harness.fake.waitFor((calls) =>
      calls.some((c) => c.method === "chat.postMessage" && c.params.channel === channel),
    );
    return String(
      harness.fake.calls.find(
        (c) => c.method === "chat.postMessage" && c.params.channel === channel,
      )!.params.text,
    );
  };

  beforeAll(async () => {
    harness = await startSlackHarness({
      env: { PULSE_WORKSPACE: plantedWorkspace },
      shop: false,
      charts: false,
      now: plantedNow,
    });
    await loadPlanted(harness.pulse.db);
  }, 60_000);
  afterAll(() => harness?.close());

  it("a channel gets the at-risk counts and no customer; the asker's DM gets the list", async () => {
    await harness.mention("which customers are at risk?", { ts: "500.1", channel: "C7" });
    const text = await answerIn("C7");
    expect(text).toMatch(/\d+ of \d+ active customers are at risk/);
    expect(text).toContain("direct message");
    expect(text).not.toMatch(/\b[FL]\d{4}\b/);
    // Posting to a user id lands in the app's direct messages with that user.
    expect(await answerIn("U1")).toMatch(/\b[FL]\d{4}\b/);
  }, 60_000);

  it("a direct message gets the list with names and reasons", async () => {
    await harness.direct("which customers are at risk?", { ts: "501.1", channel: "D7" });
    expect(await answerIn("D7")).toMatch(/\b[FL]\d{4}\b/);
  }, 60_000);

  it("a long list asked in a channel: the channel gets the count, the asker's DM the rows and a CSV file of them", async () => {
    harness.fake.uploads.length = 0;
    await harness.mention("top 30 customers by revenue last year", {
      ts: "502.1",
      channel: "C8",
      user: "U2",
    });
    const text = await answerIn("C8");
    expect(text).toMatch(/in all\. Names are personal data/);
    expect(text).not.toMatch(/\b[FL]\d{4}\b/);
    await harness.fake.waitFor((calls) =>
      calls.some((c) => c.method === "files.completeUploadExternal"),
    );
    const shared = harness.fake.calls.filter((c) => c.method === "files.completeUploadExternal");
    expect(shared.map((c) => c.params.channel_id)).toEqual(["U2"]);
    const upload = harness.fake.uploads.map(String).find((u) => u.includes("rank,id,name,value"))!;
    const csv = upload.slice(upload.indexOf("rank,id,name,value"));
    expect(csv.match(/^\d+,[FL]\d{4},/gm)).toHaveLength(30);
    expect(csv).toMatch(/\n1,[FL]\d{4},/);
  }, 60_000);

  it("a list of 20 rows or fewer comes without a file", async () => {
    const before = harness.fake.calls.filter(
      (c) => c.method === "files.completeUploadExternal",
    ).length;
    await harness.direct("top 5 customers by revenue last year", { ts: "503.1", channel: "D9" });
    expect(await answerIn("D9")).toMatch(/\b[FL]\d{4}\b/);
    expect(
      harness.fake.calls.filter((c) => c.method === "files.completeUploadExternal"),
    ).toHaveLength(before);
  }, 60_000);
});
