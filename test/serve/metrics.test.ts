/**
 * GET /metrics moves with the work: a question answered, an alert
 * delivered, a survey answered. Its labels name kinds and states, never a
 * customer, a user or the words of a question.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccess } from "../../src/access/access.js";
import { recordAnswer } from "../../src/surveys/answers.js";
import { alertSuite, schedulerOf, storeRule } from "../support/alert-harness.js";
import { drivers } from "../support/databases.js";
import { loadShop } from "../support/shop.js";

const asker = {
  workspaceId: "shop",
  platform: "telegram" as const,
  userId: "42",
  chatId: "-1001",
  isDirect: false,
};

const sample = async (text: () => Promise<string>, line: string): Promise<number> => {
  const found = (await text()).split("\n").find((l) => l.startsWith(`${line} `));
  return found ? Number(found.slice(line.length + 1)) : 0;
};

describe("GET /metrics", () => {
  const t = alertSuite(() => drivers[0]!.open(), {
    start: "2026-03-02T08:00:00Z",
    empty: ["alert_rules", "access_rules"],
  });
  beforeAll(() => loadShop(t.db));
  const page = () => t.pulse.telemetry.registry.metrics();

  it("counts a question by its reply's kind and platform, with its latency", async () => {
    await createAccess(t.db, "shop").allow({
      platform: "telegram",
      kind: "chat",
      subject: "-1001",
    });
    await t.pulse.assistant.ask({ conversationId: "c1", text: "revenue last month", asker });
    await t.pulse.assistant.ask({ conversationId: "c2", text: "flux capacitor yield", asker });
    expect(await sample(page, 'pulse_answers_total{kind="answer",platform="telegram"}')).toBe(1);
    expect(await sample(page, 'pulse_unknown_questions_total{platform="telegram"}')).toBe(1);
    expect(
      await sample(page, 'pulse_answer_seconds_count{kind="answer",platform="telegram"}'),
    ).toBe(1);
  });

  it("shows an alert delivered", async () => {
    await createAccess(t.db, "shop").allow({
      platform: "telegram",
      kind: "chat",
      subject: "-1001",
    });
    await storeRule(t.pulse, {
      title: "every Monday at 9 send revenue last week",
      definition: { kind: "digest", questions: ["revenue last week"] },
      schedule: "0 9 * * 1",
      platform: "telegram",
      chatId: "-1001",
      ownerId: "42",
    });
    t.pulse.clock.set("2026-03-02T09:00:05Z");
    await schedulerOf(t.pulse).tick();
    expect(await sample(page, 'pulse_alert_firings{status="delivered"}')).toBe(1);
    expect(await sample(page, "pulse_alert_due_lag_seconds")).toBe(0);
  });

  it("shows the survey queue by status as prompts are queued and answered", async () => {
    // The shop: c1's prompt answered, c2's and c3's sent.
    expect(await sample(page, 'pulse_survey_prompts{status="sent"}')).toBe(2);
    const [prompt] = await t.db.rows<{ id: number }>(
      sql`select id from survey_prompts where workspace_id = 'shop' and customer_id = 'c2'`,
    );
    await recordAnswer(t.db, {
      workspaceId: "shop",
      promptId: prompt!.id,
      customerId: "c2",
      score: 3,
      at: t.pulse.clock.now(),
    });
    expect(await sample(page, 'pulse_survey_prompts{status="sent"}')).toBe(1);
    expect(await sample(page, 'pulse_survey_prompts{status="answered"}')).toBe(2);
  });

  it("names no customer and no question's words", async () => {
    const text = await page();
    const customers = await t.db.rows<{ id: string; name: string }>(
      sql`select id, name from customers where workspace_id = 'shop'`,
    );
    expect(customers.length).toBeGreaterThan(0);
    for (const c of customers) expect(text).not.toMatch(new RegExp(`"${c.id}"|\\b${c.name}\\b`));
    expect(text).not.toContain("revenue last");
    expect(text).not.toContain("flux");
  });
});
