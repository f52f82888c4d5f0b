/**
 * The delivery engine through the real Telegram transport (grammY's Api)
 * against the fake Bot API over HTTP, on every database driver.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createRateLimiter, type RateLimiter } from "../../src/surveys/rate-limit.js";
import type { SurveyTransport } from "../../src/surveys/transport.js";
import { drivers } from "../support/databases.js";
import { chatOf, seedLinkedCustomers } from "../support/survey-customers.js";
import { surveyEngine } from "../support/survey-engine.js";

const ws = "shop";

describe.each(drivers)("survey delivery engine ($name)", (driver) => {
  const engine = surveyEngine(() => driver.open());
  const { clock, sender, campaign, delivered } = engine;
  const statuses = async () =>
    engine.db.rows<{ customer_id: string; status: string }>(
      sql`select customer_id, status from survey_prompts order by id`,
    );
  const countPerChat = () => {
    const counts = new Map<string, number>();
    for (const c of delivered())
      counts.set(String(c.params.chat_id), (counts.get(String(c.params.chat_id)) ?? 0) + 1);
    return counts;
  };

  it("sends each queued prompt once and records the message id", async () => {
    await seedLinkedCustomers(engine.db, ws, 5);
    expect((await campaign()).queued).toBe(5);
    const stats = await sender().drain();
    expect(stats.sent).toBe(5);
    expect([...countPerChat().values()]).toEqual([1, 1, 1, 1, 1]);
    const rows = await engine.db.rows<{ status: string; message_id: string | null }>(
      sql`select status, message_id from survey_prompts`,
    );
    expect(rows.every((r) => r.status === "sent" && r.message_id !== null)).toBe(true);
  });

  it("a prompt already queued for a customer later marked demo is cancelled, never sent", async () => {
    await seedLinkedCustomers(engine.db, ws, 3);
    await campaign();
    await engine.db.rows(sql`update customers set demo = true where workspace_id = ${ws}`);
    expect((await sender().drain()).sent).toBe(0);
    expect(delivered()).toEqual([]);
    const rows = await engine.db.rows<{ status: string; error: string }>(
      sql`select distinct status, error from survey_prompts`,
    );
    expect(rows).toEqual([{ status: "cancelled", error: "demo customer" }]);
  });

  it("a 429 is waited out exactly as retry_after says, then the prompt is sent", async () => {
    await seedLinkedCustomers(engine.db, ws, 3);
    await campaign();
    engine.fake.fail({
      match: (c) => c.method === "sendMessage" && String(c.params.chat_id) === chatOf(2),
      errorCode: 429,
      description: "Too Many Requests: retry after 1",
      retryAfter: 1,
    });
    const stats = await sender().drain();
    expect(stats).toMatchObject({ sent: 3, rateLimited: 1 });
    const toSecond = engine.fake.calls.filter((c) => String(c.params.chat_id) === chatOf(2));
    expect(toSecond.map((c) => c.status)).toEqual([429, 200]);
    // Requests already on the wire may land; nothing new starts before retry_after is over.
    expect(toSecond[1]!.at - toSecond[0]!.at).toBeGreaterThanOrEqual(995);
    expect([...countPerChat().values()]).toEqual([1, 1, 1]);
  });

  it("a 403 (bot blocked) marks the customer unreachable and is never retried", async () => {
    await seedLinkedCustomers(engine.db, ws, 2);
    await campaign();
    engine.fake.fail({
      match: (c) => String(c.params.chat_id) === chatOf(1),
      errorCode: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    const stats = await sender().drain();
    expect(stats).toMatchObject({ sent: 1, unreachable: 1 });
    await sender().drain();
    expect(engine.fake.calls.filter((c) => String(c.params.chat_id) === chatOf(1))).toHaveLength(1);
    expect(await statuses()).toEqual([
      { customer_id: "k1", status: "unreachable" },
      { customer_id: "k2", status: "sent" },
    ]);
  });

  it("two senders sharing one campaign send every prompt exactly once", async () => {
    await seedLinkedCustomers(engine.db, ws, 40);
    await campaign();
    const [a, b] = await Promise.all([
      sender({ batchSize: 5, workerId: "a" }).drain(),
      sender({ batchSize: 5, workerId: "b" }).drain(),
    ]);
    expect(a.sent + b.sent).toBe(40);
    const counts = countPerChat();
    expect(counts.size).toBe(40);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it("a restart after a crash resumes the campaign: nobody twice, nobody skipped", async () => {
    await seedLinkedCustomers(engine.db, ws, 12);
    await campaign();
    // The first sender "dies" holding its claim: its fourth request reaches Telegram, and the
    // process is gone before it can record that.
    let sends = 0;
    const dying: SurveyTransport = {
      ...engine.transport,
      send: (p) =>
        ++sends <= 3
          ? engine.transport.send(p)
          : engine.transport.send(p).then(() => new Promise(() => {})),
    };
    void sender({ transport: dying, batchSize: 6, inFlight: 1, workerId: "dead" }).drain();
    // Its batch of six was claimed before the first send: three are still "sending" now.
    await engine.fake.waitFor(() => delivered().length === 4);
    expect((await statuses()).filter((s) => s.status === "sending").length).toBeGreaterThan(0);
    // A fresh sender within the lease leaves the dead one's prompts alone...
    await sender({ workerId: "early" }).drain();
    expect((await statuses()).filter((s) => s.status === "sending")).toHaveLength(3);
    // ...and after it sends the two the dead one never sent, not the one it had on the wire.
    clock.set("2026-11-22T12:05:00Z");
    const stats = await sender({ workerId: "restarted" }).drain();
    expect(stats).toMatchObject({ recovered: 2, unconfirmed: 1 });
    const counts = countPerChat();
    expect(counts.size).toBe(12);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect((await statuses()).every((s) => s.status === "sent")).toBe(true);
  });

  it("an opted-out customer's prompt is cancelled, not sent", async () => {
    await seedLinkedCustomers(engine.db, ws, 2);
    await campaign();
    await engine.db.rows(sql`update customers set survey_opt_out = true where id = 'k2'`);
    const stats = await sender().drain();
    expect(stats).toMatchObject({ sent: 1, cancelled: 1 });
    expect(delivered().map((c) => String(c.params.chat_id))).toEqual([chatOf(1)]);
  });

  it("a /stop between the claim and the send cancels the prompt already claimed", async () => {
    await seedLinkedCustomers(engine.db, ws, 2);
    await campaign();
    const limiter = createRateLimiter(engine.transport.limits);
    // The customer's /stop lands while their claimed prompt waits for its turn to be sent.
    const stopWhileWaiting: RateLimiter = {
      async acquire(key) {
        if (key === chatOf(2))
          await engine.db.rows(sql`update customers set survey_opt_out = true where id = 'k2'`);
        return limiter.acquire(key);
      },
      pauseFor: (ms) => limiter.pauseFor(ms),
    };
    const stats = await sender({ limiter: stopWhileWaiting }).drain();
    expect(stats).toMatchObject({ sent: 1, cancelled: 1 });
    expect(delivered().map((c) => String(c.params.chat_id))).toEqual([chatOf(1)]);
    expect((await statuses()).map((s) => s.status)).toEqual(["sent", "cancelled"]);
  });

  it("CSAT goes as a native non-anonymous poll with five options", async () => {
    await seedLinkedCustomers(engine.db, ws, 1);
    await campaign("csat");
    await sender().drain();
    const poll = delivered()[0]!;
    expect(poll.method).toBe("sendPoll");
    expect(poll.params.is_anonymous).toBe(false);
    expect(poll.params.options).toHaveLength(5);
    const [row] = await engine.db.rows<{ poll_id: string }>(
      sql`select poll_id from survey_prompts`,
    );
    expect(row!.poll_id).toMatch(/^poll\d+$/);
  });

  it("every call matches the Bot API", () => {
    expect(engine.fake.violations).toEqual([]);
  });
});
