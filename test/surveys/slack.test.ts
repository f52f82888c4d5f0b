/**
 * Surveys in Slack: the real Bolt app and the Slack survey transport against
 * the fake Slack Web API, with signed interactivity requests. Shop fixture.
 */

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { slackSurveyClient, slackSurveyTransport } from "../../bots/slack/features/survey.js";
import type { Pulse } from "../../src/pulse.js";
import { createSurveySender } from "../../src/surveys/delivery.js";
import { createSurveys } from "../../src/surveys/surveys.js";
import type { FakeSlack } from "../fakes/slack-api.js";
import { type SlackHarness, startSlackHarness } from "../support/slack-harness.js";

describe("Slack surveys", () => {
  let harness: SlackHarness;
  let fake: FakeSlack;
  let pulse: Pulse;
  const interact = (payload: Record<string, unknown>) => harness.interact(payload);
  const ask = async (customerId: string, kind: "nps" | "csat" | "ces") => {
    const [row] = await pulse.db.rows<{ id: number }>(sql`insert into survey_prompts
      (workspace_id, customer_id, kind, channel) values ('shop', ${customerId}, ${kind}, 'slack')
      returning id`);
    const stats = await createSurveySender({
      db: pulse.db,
      workspaceId: "shop",
      transport: slackSurveyTransport(slackSurveyClient(pulse)),
      wording: await createSurveys(pulse).wording(),
      clock: pulse.clock,
      logger: pulse.logger,
    }).drain();
    return { promptId: Number(row!.id), stats };
  };
  /** A signed tap on the last question's button for `score`, as customer `id` in their DM. */
  const tapScore = (id: string, promptId: number, score: number, message?: { ts: string }) => {
    const value = buttons().find((b) => b.value === `${promptId}:${score}`)!.value;
    return interact({
      type: "block_actions",
      user: { id: `U${id}` },
      team: { id: "T1" },
      api_app_id: "A1",
      trigger_id: `trig-${id}`,
      ...(message
        ? {
            channel: { id: `D${id}`, name: "directmessage" },
            message: { type: "message", ts: message.ts, text: "How likely…" },
          }
        : {}),
      container: { type: "message", channel_id: `D${id}`, message_ts: message?.ts ?? "1.1" },
      actions: [
        {
          type: "button",
          action_id: `survey_answer_${score}`,
          value,
          block_id: `survey_${promptId}`,
        },
      ],
    });
  };
  const buttons = () => {
    const post = fake.calls.filter((c) => c.method === "chat.postMessage").at(-1)!;
    const blocks = post.params.blocks as { type: string; elements?: { value: string }[] }[];
    return blocks.find((b) => b.type === "actions")!.elements!;
  };

  beforeAll(async () => {
    harness = await startSlackHarness({ env: { SURVEY_BUSINESS_NAME: "Aalto Shoes" } });
    ({ fake, pulse } = harness);
    await pulse.db.rows(
      sql`update customers set slack_user_id = 'U' || id where workspace_id = 'shop'`,
    );
  });
  afterAll(() => harness?.close());
  beforeEach(() => {
    fake.calls.length = 0;
  });

  it("NPS, CSAT and CES go to the customer's DM as 11, 5 and 7 buttons", async () => {
    await ask("c1", "nps");
    expect(fake.calls.at(-1)!.params.channel).toBe("Uc1");
    expect(buttons()).toHaveLength(11);
    await ask("c2", "csat");
    expect(buttons()).toHaveLength(5);
    await ask("c3", "ces");
    expect(buttons()).toHaveLength(7);
  });

  it("a tap records the answer once and opens the comment modal; its text is the comment", async () => {
    const { promptId } = await ask("c4", "nps");
    expect((await tapScore("c4", promptId, 2)).status).toBe(200);
    expect((await tapScore("c4", promptId, 2)).status).toBe(200);
    await harness.slack.idle();
    expect(fake.calls.filter((c) => c.method === "views.open")).toHaveLength(1);
    const submit = {
      type: "view_submission",
      user: { id: "Uc4" },
      team: { id: "T1" },
      api_app_id: "A1",
      view: {
        id: "V1",
        callback_id: "survey_comment",
        private_metadata: String(promptId),
        state: {
          values: {
            comment: { text: { type: "plain_text_input", value: "Too slow and very expensive" } },
          },
        },
      },
    };
    const form = fake.calls.find((c) => c.method === "views.open")!;
    expect(JSON.stringify(form.params.view)).toContain(
      "What is the main reason for your score? Write it here.",
    );
    const before = fake.calls.length;
    expect((await interact(submit)).status).toBe(200);
    const thanksTo = (calls: typeof fake.calls) =>
      calls
        .slice(before)
        .filter((c) => c.method === "chat.postMessage" && c.params.channel === "Uc4");
    await fake.waitFor((calls) => thanksTo(calls).length > 0);
    const thanks = thanksTo(fake.calls);
    expect(thanks.map((c) => c.params.text)).toEqual(["Thank you for your feedback!"]);
    const responses = await pulse.db.rows<{ score: number; comment: string | null }>(
      sql`select score, comment from survey_responses where id = ${`prompt-${promptId}`}`,
    );
    expect(responses).toEqual([{ score: 2, comment: "Too slow and very expensive" }]);
  });

  it("a tap ticks the chosen score on the question and says it was recorded", async () => {
    const { promptId } = await ask("c5", "nps");
    await tapScore("c5", promptId, 7, { ts: "2.2" });
    await fake.waitFor((calls) => calls.some((c) => c.method === "chat.update"));
    const update = fake.calls.find((c) => c.method === "chat.update")!;
    expect(update.params).toMatchObject({ channel: "Dc5", ts: "2.2" });
    const shown = JSON.stringify(update.params.blocks);
    expect(shown).toContain('"text":"✓ 7"');
    expect(shown).toContain("Thank you! Your answer: 7");
  });

  it("a direct message right after the question is the comment, once; later talk is not", async () => {
    const { promptId } = await ask("c6", "nps");
    await tapScore("c6", promptId, 3);
    await fake.waitFor((calls) => calls.some((c) => c.method === "views.open"));
    const dm = async (text: string, ts: string) => {
      const before = fake.calls.length;
      await harness.event({
        type: "message",
        channel_type: "im",
        user: "Uc6",
        text,
        ts,
        channel: "Dc6",
      });
      await fake.waitFor((calls) =>
        calls
          .slice(before)
          .some((c) => c.method === "chat.postMessage" && c.params.channel === "Dc6"),
      );
      return fake.calls.slice(before).find((c) => c.method === "chat.postMessage")!.params.text;
    };
    expect(await dm("the app keeps crashing", "10.1")).toBe("Thank you for your feedback!");
    expect(await dm("revenue last month", "10.2")).toContain("This chat is for short surveys");
    const responses = await pulse.db.rows<{ comment: string | null }>(
      sql`select comment from survey_responses where id = ${`prompt-${promptId}`}`,
    );
    expect(responses).toEqual([{ comment: "the app keeps crashing" }]);
  });

  it("a Slack 429 is handed to the engine, and a closed DM marks the customer unreachable", async () => {
    fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    const limited = await ask("c5", "nps");
    expect(limited.stats).toMatchObject({ sent: 1, rateLimited: 1 });
    fake.failNext("chat.postMessage", { error: "user_not_found" });
    const gone = await ask("c6", "nps");
    expect(gone.stats).toMatchObject({ sent: 0, unreachable: 1 });
  });
});
