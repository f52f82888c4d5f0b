/** Answers, comments and detractor events, on every database driver. */
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import {
  type CommentContext,
  commentTarget,
  markCommentAsked,
  raiseWaitingDetractors,
  recordAnswer,
  recordComment,
} from "../../src/surveys/answers.js";
import { drivers } from "../support/databases.js";
import { seedLinkedCustomers } from "../support/survey-customers.js";

const ws = "shop";
const at = (iso: string) => new Date(iso);

describe.each(drivers)("survey answers ($name)", (driver) => {
  let db: Database;
  let promptId: number;
  const answer = (score: number, when = "2026-11-22T12:00:00Z", customerId = "k1") =>
    recordAnswer(db, { workspaceId: ws, promptId, customerId, score, at: at(when) });
  const responses = () =>
    db.rows<{ id: string; score: number; comment: string | null; sentiment: number | null }>(
      sql`select id, score, comment, sentiment from survey_responses where workspace_id = ${ws}`,
    );
  const target = (replyTo: string | null, when: string) => {
    const context: CommentContext = { channel: "telegram", replyTo, now: at(when) };
    return commentTarget(db, ws, "k1", context);
  };
  const events = () =>
    db.rows<{ kind: string; customer_id: string; text: string | null; properties: unknown }>(
      sql`select kind, customer_id, text, properties from events where workspace_id = ${ws}`,
    );

  beforeEach(async () => {
    db = await driver.open();
    await seedLinkedCustomers(db, ws, 2);
    const [row] = await db.rows<{ id: number }>(sql`insert into survey_prompts
      (workspace_id, customer_id, kind, channel, status, sent_at)
      values (${ws}, 'k1', 'nps', 'telegram', 'sent', '2026-11-22T11:00:00Z') returning id`);
    promptId = Number(row!.id);
  });
  afterEach(async () => {
    await db?.close();
  });

  it("a tap is recorded once, however often it arrives", async () => {
    expect((await answer(9)).outcome).toBe("recorded");
    expect((await answer(9)).outcome).toBe("unchanged");
    const results = await Promise.all([answer(9), answer(9), answer(9)]);
    expect(results.map((r) => r.outcome)).toEqual(["unchanged", "unchanged", "unchanged"]);
    expect(await responses()).toEqual([
      { id: `prompt-${promptId}`, score: 9, comment: null, sentiment: null },
    ]);
    const [prompt] = await db.rows<{ status: string }>(sql`select status from survey_prompts`);
    expect(prompt!.status).toBe("answered");
  });

  it("a change of mind within the window updates the same response", async () => {
    await answer(3);
    expect((await answer(8, "2026-11-22T12:05:00Z")).outcome).toBe("changed");
    expect((await responses()).map((r) => r.score)).toEqual([8]);
  });

  it("after the window the first answer stands", async () => {
    await answer(3);
    expect((await answer(8, "2026-11-22T13:00:00Z")).outcome).toBe("locked");
    expect((await responses()).map((r) => r.score)).toEqual([3]);
  });

  it("another customer cannot answer someone else's prompt, nor a score off the scale", async () => {
    expect((await answer(9, undefined, "k2")).outcome).toBe("unknown");
    expect((await answer(11)).outcome).toBe("unknown");
    expect(await responses()).toEqual([]);
  });

  it("a detractor's event waits for the comment, and carries it", async () => {
    await answer(4);
    expect(await events()).toEqual([]);
    await markCommentAsked(db, ws, promptId, at("2026-11-22T12:00:01Z"), "m1");
    expect(await target("m1", "2026-11-22T12:01:00Z")).toBe(promptId);
    const comment = await recordComment(db, {
      workspaceId: ws,
      promptId,
      customerId: "k1",
      text: "The delivery was very slow and the support was terrible",
    });
    expect(comment!.sentiment).toBeLessThan(0);
    const { responseId } = comment!;
    expect(await events()).toEqual([
      {
        kind: "survey_detractor",
        customer_id: "k1",
        text: "The delivery was very slow and the support was terrible",
        properties: {
          responseId,
          kind: "nps",
          score: 4,
          themes: ["delivery", "support"],
          language: "en",
        },
      },
    ]);
    // Ten minutes on, the waiting detractors are raised: this one has its event already.
    expect(await raiseWaitingDetractors(db, ws, at("2026-11-22T12:30:00Z"))).toBe(0);
    expect((await responses())[0]!.sentiment).toBeCloseTo(comment!.sentiment!, 5);
    expect((await events())[0]!.properties).toMatchObject({
      themes: ["delivery", "support"],
      language: "en",
    });
  });

  it("a detractor's comment in any survey language carries its sentiment, themes and language", async () => {
    await answer(2);
    await markCommentAsked(db, ws, promptId, at("2026-11-22T12:00:01Z"), "m1");
    const comment = await recordComment(db, {
      workspaceId: ws,
      promptId,
      customerId: "k1",
      text: "Toimitus myöhästyi taas ja liian kallista",
    });
    expect(comment!.sentiment).toBeLessThan(0);
    expect((await events())[0]!.properties).toMatchObject({
      themes: ["delivery", "price"],
      language: "fi",
    });
  });

  it("a detractor who writes no comment is raised once, after the wait (the change window)", async () => {
    await answer(3);
    expect(await raiseWaitingDetractors(db, ws, at("2026-11-22T12:09:00Z"))).toBe(0);
    expect(await raiseWaitingDetractors(db, ws, at("2026-11-22T12:10:00Z"))).toBe(1);
    expect(await raiseWaitingDetractors(db, ws, at("2026-11-22T12:20:00Z"))).toBe(0);
    expect(await events()).toEqual([
      {
        kind: "survey_detractor",
        customer_id: "k1",
        text: null,
        properties: {
          responseId: `prompt-${promptId}`,
          kind: "nps",
          score: 3,
          themes: [],
          language: null,
        },
      },
    ]);
  });

  it("a promoter raises no event, and a corrected misclick takes the event back", async () => {
    await answer(10);
    expect(await raiseWaitingDetractors(db, ws, at("2026-11-22T12:30:00Z"))).toBe(0);
    await answer(1, "2026-11-22T12:01:00Z");
    await recordComment(db, { workspaceId: ws, promptId, customerId: "k1", text: "slow" });
    expect(await events()).toHaveLength(1);
    await answer(9, "2026-11-22T12:02:00Z");
    expect(await events()).toEqual([]);
    expect(await raiseWaitingDetractors(db, ws, at("2026-11-22T12:30:00Z"))).toBe(0);
  });

  it("only a reply to the follow-up question is a Telegram comment", async () => {
    await answer(9);
    await markCommentAsked(db, ws, promptId, at("2026-11-22T12:00:01Z"), "m1");
    expect(await target("m1", "2026-11-22T12:01:00Z")).toBe(promptId);
    expect(await target(null, "2026-11-22T12:01:00Z")).toBeNull();
    expect(await target("m0", "2026-11-22T12:01:00Z")).toBeNull();
  });

  it("a reply to the follow-up question counts for a day only", async () => {
    await answer(9);
    await markCommentAsked(db, ws, promptId, at("2026-11-22T12:00:01Z"), "m1");
    expect(await target("m1", "2026-11-23T13:00:00Z")).toBeNull();
  });

  it("after /stop a reply is no comment", async () => {
    await answer(9);
    await markCommentAsked(db, ws, promptId, at("2026-11-22T12:00:01Z"), "m1");
    await db.rows(sql`update customers set survey_opt_out = true where id = 'k1'`);
    expect(await target("m1", "2026-11-22T12:01:00Z")).toBeNull();
  });

  it("in Slack the first direct message soon after the question is the comment, once", async () => {
    await db.rows(sql`update survey_prompts set channel = 'slack', message_id = '111.1'`);
    await answer(9);
    await markCommentAsked(db, ws, promptId, at("2026-11-22T12:00:01Z"), null);
    const dm = (when: string, replyTo: string | null = null) =>
      commentTarget(db, ws, "k1", { channel: "slack", replyTo, now: at(when) });
    expect(await dm("2026-11-22T12:40:00Z")).toBeNull();
    expect(await dm("2026-11-22T12:40:00Z", "111.1")).toBe(promptId);
    expect(await dm("2026-11-22T12:10:00Z")).toBe(promptId);
    await recordComment(db, { workspaceId: ws, promptId, customerId: "k1", text: "fine" });
    expect(await dm("2026-11-22T12:11:00Z")).toBeNull();
  });
});
