/** The assistant adapters call, on the hand-checked shop, with the clock fixed on Sunday 2026-11-22. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { createAssistant } from "../../src/assistant/assistant.js";
import type { Assistant, Reply } from "../../src/assistant/types.js";
import { fixedClock } from "../../src/clock.js";
import { createLogger } from "../../src/logger.js";
import { conversationStore } from "../../src/questions/conversation-store.js";
import { createConversations } from "../../src/questions/follow-ups.js";
import { everyoneAllowed } from "../support/access.js";
import { drivers } from "../support/databases.js";
import { loadShop, shopAsker } from "../support/shop.js";

const asker = shopAsker;
const answer = (reply: Reply) => {
  if (reply.kind !== "answer")
    throw new Error(`expected an answer, got ${reply.kind}: ${reply.text}`);
  return reply;
};

describe.each(drivers)("assistant on $name", (driver) => {
  let db: Database;
  let assistant: Assistant;
  const clock = fixedClock("2026-11-22T12:00:00Z");
  const logger = createLogger("silent");
  beforeAll(async () => {
    db = await driver.open();
    await loadShop(db);
    assistant = createAssistant({
      access: everyoneAllowed,
      db,
      clock,
      logger,
      conversations: createConversations({ clock }),
    });
  });
  afterAll(() => db?.close());

  it("answers with the number, the range, the formula with its numbers and a chart", async () => {
    const reply = answer(
      await assistant.ask({ conversationId: "t1", text: "what was churn last month?", asker }),
    );
    expect(reply.text).toBe("Churn rate in October 2026: 75.0%.");
    expect(reply.footnote).toBe("churned customers / customers at start of period: 3 / 4");
    expect(reply.rangeText).toBe("October 2026");
    expect(reply.chart?.png.subarray(1, 4).toString()).toBe("PNG");
    expect(reply.chart?.altText).toContain("75.0%");
    expect(reply.data).toEqual({ value: 75, unit: "percent" });
    expect(reply.breakdowns.map((b) => b.id)).toContain("plan");
  });

  it("follows up in a conversation another process answered in, from the database", async () => {
    const storeOf = (kind: string) => conversationStore(db, "shop", kind);
    const process = () =>
      createAssistant({
        access: everyoneAllowed,
        db,
        clock,
        logger,
        conversations: createConversations({ clock, store: storeOf("question") }),
        conversationStore: storeOf,
      });
    const [first, second] = [process(), process()];
    await first.ask({ conversationId: "t-shared", text: "revenue last month", asker });
    expect(await second.knows("t-shared")).toBe(true);
    const reply = answer(
      await second.ask({ conversationId: "t-shared", text: "and by category?", asker }),
    );
    expect(reply.interpretation).toMatchObject({ metric: "revenue", groupBy: "category" });
    await first.ask({ conversationId: "t-shared", text: "what about the month before?", asker });
    expect(
      answer(await first.ask({ conversationId: "t-shared", text: "and orders?", asker }))
        .interpretation,
    ).toMatchObject({ metric: "orders", groupBy: "category", from: "2026-09-01" });
    expect(await second.knows("t-unknown")).toBe(false);
  });

  it("follows up in the same conversation", async () => {
    await assistant.ask({ conversationId: "t2", text: "revenue last month", asker });
    const reply = answer(
      await assistant.ask({ conversationId: "t2", text: "and by category?", asker }),
    );
    expect(reply.interpretation).toMatchObject({ metric: "revenue", groupBy: "category" });
    expect(reply.text).toContain("By category: shoes $300.00");
  });

  it("explains, tabulates and breaks down an earlier answer by its id", async () => {
    const first = answer(
      await assistant.ask({ conversationId: "t3", text: "revenue last month", asker }),
    );
    const explained = answer(await assistant.explain(first.answerId, asker));
    expect(explained.text).toContain("Formula: sum of order amounts less refunds.");
    const table = answer(await assistant.table(first.answerId, asker));
    expect(table.text).toContain("$360.50");
    const broken = answer(await assistant.breakDown(first.answerId, "category", asker));
    expect(broken.data.groups?.map((g) => g.key)).toEqual(["shoes", "hats", "unknown"]);
  });

  it("an answer's buttons work only in the chat it was given in", async () => {
    const first = answer(
      await assistant.ask({ conversationId: "t4", text: "orders last month", asker }),
    );
    const elsewhere = await assistant.table(first.answerId, { ...asker, chatId: "C2" });
    expect(elsewhere.kind).toBe("unknown");
  });

  it("an answer carries its buttons as data: the same answer another way replaces it, a new one follows", async () => {
    const first = answer(
      await assistant.ask({ conversationId: "t6", text: "revenue last month", asker }),
    );
    expect(first.actions.map((a) => [a.id, a.result])).toEqual([
      ["table", "replace"],
      ["explain", "replace"],
      ["why", "follow"],
      ["breakdown", "follow"],
    ]);
    expect(first.actions.every((a) => a.answerId === first.answerId)).toBe(true);
    const table = answer(await assistant.act({ id: "table", answerId: first.answerId }, asker));
    expect(table).toMatchObject({ preformatted: true, chart: null });
  });

  it("a breakdown pressed without a choice offers the metric's dimensions, and a choice breaks it down", async () => {
    const first = answer(
      await assistant.ask({ conversationId: "t7", text: "revenue last month", asker }),
    );
    const offered = await assistant.act({ id: "breakdown", answerId: first.answerId }, asker);
    if (offered.kind !== "choose") throw new Error(`expected a choice, got ${offered.kind}`);
    expect(offered.action.choices?.map((c) => c.value)).toContain("category");
    const broken = answer(
      await assistant.act({ id: "breakdown", answerId: first.answerId, choice: "category" }, asker),
    );
    expect(broken.interpretation).toMatchObject({ groupBy: "category" });
    const unknown = await assistant.act(
      { id: "breakdown", answerId: first.answerId, choice: "colour" },
      asker,
    );
    expect(unknown.kind).toBe("unknown");
  });

  it("a dimension the metric lacks is explained with the ones it has", async () => {
    const reply = await assistant.ask({ conversationId: "t5", text: "CAC by category", asker });
    expect(reply).toMatchObject({ kind: "unknown" });
    expect(reply.text).toContain("it can be broken down by channel");
    // pulse ask --json prints it as a question not answered.
    expect(reply).toMatchObject({ interpretation: { intent: "unknown", metric: "cac" } });
  });

  it("a series too long to read says so and offers the coarser grain", async () => {
    const reply = await assistant.ask({
      conversationId: "t5b",
      text: "daily revenue since 1900",
      asker,
    });
    expect(reply).toMatchObject({
      kind: "unknown",
      text: "By day, this range has 46,347 periods; a series has at most 400. By year it has 127: ask by year, or for a shorter range.",
      suggestions: ["revenue by year from 1900-01-01 to 2026-11-22"],
    });
  });

  it("a range that has not started says there is no data yet instead of 0%", async () => {
    const reply = await assistant.ask({
      conversationId: "t5c",
      text: "what was churn in 2031?",
      asker,
    });
    expect(reply).toMatchObject({
      kind: "unknown",
      text: "2031 has not started yet, so there is no churn rate data for it.",
    });
  });

  it("an unknown question gets suggestions", async () => {
    const reply = await assistant.ask({ conversationId: "t6", text: "tell me a joke", asker });
    expect(reply.kind).toBe("unknown");
    expect(reply.kind === "unknown" && reply.suggestions.length).toBeGreaterThan(0);
  });

  it("help lists examples", async () => {
    const reply = await assistant.ask({ conversationId: "t7", text: "help", asker });
    expect(reply.kind === "help" && reply.examples.length).toBeGreaterThan(3);
  });

  it("a forecast with too little history says so instead of inventing one", async () => {
    const reply = await assistant.ask({
      conversationId: "t10",
      text: "forecast revenue for the next 3 months",
      asker,
    });
    expect(reply.kind).toBe("unknown");
    expect(reply.text).toMatch(
      /Not enough history to forecast revenue by month: A forecast needs at least \d+ periods/,
    );
  });

  it("someone not allowed gets a polite refusal and no numbers", async () => {
    const strict = createAssistant({
      db,
      clock,
      logger,
      conversations: createConversations({ clock }),
      access: { may: async () => ({ allowed: false, reason: "not allowed here" }) },
    });
    const reply = await strict.ask({ conversationId: "t8", text: "revenue last month", asker });
    expect(reply.kind).toBe("refused");
    expect(reply.text).not.toMatch(/\d/);
  });

  it("an internal failure becomes a short apology with an error id", async () => {
    const broken = createAssistant({
      db,
      clock,
      logger,
      conversations: createConversations({ clock }),
      access: { may: async () => Promise.reject(new Error("boom")) },
    });
    const reply = await broken.ask({ conversationId: "t9", text: "revenue last month", asker });
    expect(reply.kind).toBe("error");
    expect(reply.text).toMatch(/error [0-9a-f]{8}/);
  });
});
