import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withProgress } from "../../bots/slack/progress.js";
import { createLogger } from "../../src/logger.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-api.js";

describe("a sign of work on a slow answer", () => {
  let fake: FakeSlack;
  let client: webApi.WebClient;
  const logger = createLogger("silent");
  const reactions = () => fake.calls.filter((c) => c.method.startsWith("reactions."));
  /** Work that is slow for sure: it ends only once the hourglass has reached Slack. */
  const slowWork = async () => {
    await fake.waitFor((calls) => calls.some((c) => c.method === "reactions.add"));
    return "answer";
  };

  beforeAll(async () => {
    fake = await startFakeSlack();
    client = new webApi.WebClient("xoxb-test", { slackApiUrl: fake.apiUrl });
  });
  afterAll(() => fake?.close());
  beforeEach(() => {
    fake.calls.length = 0;
  });

  it("puts an hourglass on the question while a slow answer is made, then takes it off", async () => {
    const message = { channel: "C1", ts: "1.1" };
    expect(await withProgress(client, logger, message, slowWork, 50)).toBe("answer");
    expect(reactions().map((c) => [c.method, c.params.name, c.params.timestamp])).toEqual([
      ["reactions.add", "hourglass_flowing_sand", "1.1"],
      ["reactions.remove", "hourglass_flowing_sand", "1.1"],
    ]);
  });

  it("shows nothing for a quick answer", async () => {
    // Done within the same turn of the event loop: no timer can fire before it.
    await withProgress(client, logger, { channel: "C1", ts: "1.2" }, async () => "answer", 200);
    expect(reactions()).toEqual([]);
  });

  it("answers all the same when Slack refuses the reaction", async () => {
    fake.failNext("reactions.add", { error: "missing_scope" });
    const message = { channel: "C1", ts: "1.3" };
    expect(await withProgress(client, logger, message, slowWork, 20)).toBe("answer");
    expect(reactions().map((c) => c.method)).toEqual(["reactions.add"]);
  });
});
