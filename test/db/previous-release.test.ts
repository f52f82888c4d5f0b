/**
 * An upgrade: a database of the previous release (its migrations, and rows of
 * saved answers, conversations and alert rules as that release wrote them,
 * test/fixtures/previous-release/rows.sql) keeps working with this one.
 */
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { ruleInWords } from "../../src/alerts/describe.js";
import { listRules } from "../../src/alerts/rules.js";
import { createAssistant } from "../../src/assistant/assistant.js";
import type { Assistant } from "../../src/assistant/types.js";
import { fixedClock } from "../../src/clock.js";
import { createLogger } from "../../src/logger.js";
import { conversationStore } from "../../src/questions/conversation-store.js";
import { createConversations } from "../../src/questions/follow-ups.js";
import { everyoneAllowed } from "../support/access.js";
import { drivers } from "../support/databases.js";
import { loadShop, shopAsker } from "../support/shop.js";

const rows = readFileSync(
  new URL("../fixtures/previous-release/rows.sql", import.meta.url),
  "utf8",
);
const asker = shopAsker;

describe.each(drivers)("a database of the previous release on $name", (driver) => {
  let db: Database;
  let assistant: Assistant;
  const clock = fixedClock("2026-11-22T12:00:00Z");
  beforeAll(async () => {
    db = await driver.open();
    await loadShop(db);
    const statements = rows
      .replace(/^--.*$/gm, "")
      .split(/;\s*$/m)
      .filter((s) => s.trim());
    for (const statement of statements) await db.rows(sql.raw(statement));
    const storeOf = (kind: string) => conversationStore(db, "shop", kind);
    assistant = createAssistant({
      access: everyoneAllowed,
      db,
      clock,
      logger: createLogger("silent"),
      conversations: createConversations({ clock, store: storeOf("question") }),
      conversationStore: storeOf,
      charts: false,
    });
  });
  afterAll(() => db?.close());

  it("recomputes a saved answer when its button is pressed", async () => {
    const table = await assistant.table("old-churn", asker);
    expect(table.kind).toBe("answer");
    expect(table.text).toContain("75.0%");
    // The shop's few months are too short a history to forecast: that is what the button says.
    expect((await assistant.table("old-forecast", asker)).text).toContain("Not enough history");
  });

  it("says a saved answer it cannot read must be asked again, instead of failing", async () => {
    const reply = await assistant.table("old-gone", asker);
    expect(reply).toMatchObject({ kind: "unknown" });
    expect(reply.text).toBe(
      "That answer was saved by another version of Pulse and cannot be recomputed. Ask the question again.",
    );
  });

  it("follows up on a question and an insight asked before the upgrade", async () => {
    const reply = await assistant.ask({
      conversationId: "old-thread",
      text: "and by category?",
      asker,
    });
    expect(reply.kind === "answer" && reply.interpretation).toMatchObject({
      metric: "revenue",
      groupBy: "category",
      from: "2026-10-01",
    });
    expect(await assistant.knows("old-risk")).toBe(true);
  });

  it("lists every alert rule, the one it cannot read as needing an edit", async () => {
    const listed = (await listRules(db, { workspaceId: "shop" })).map((rule) =>
      ruleInWords(rule, { currency: "EUR", now: clock.now(), lastFiring: null }),
    );
    expect(listed).toHaveLength(4);
    expect(listed[0]).toContain("churn rate over the last 30 days above 5.0%");
    expect(listed[1]).toContain('digest: "revenue last week"');
    expect(listed[2]).toContain("each new order");
    expect(listed[3]).toContain("cannot be read by this version of Pulse");
    expect(listed[3]).toContain("needs an edit");
  });

  it("stores what it writes now with its version, beside the old rows", async () => {
    const reply = await assistant.ask({ conversationId: "new", text: "revenue last month", asker });
    const id = reply.kind === "answer" ? reply.answerId : "";
    const [row] = await db.rows<{ version: number }>(
      sql`select (interpretation->>'version')::int as version from answers where id = ${id}`,
    );
    expect(row?.version).toBe(1);
  });
});
