/** Complaint themes of a small fixture: which phrases, how often, and one example each. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { UNRATED_LEAN } from "../../src/sentiment/score.js";
import { phrasesOf } from "../../src/themes/phrases.js";
import { complaintThemes } from "../../src/themes/themes.js";
import { topicsOf } from "../../src/themes/topics.js";
import { ensureWorkspace } from "../../src/workspace/workspace.js";
import { drivers } from "../support/databases.js";

const context = { workspaceId: "themes", timezone: "UTC" };
const october = { from: "2026-10-01", to: "2026-11-01" };

const texts: [string, number, string][] = [
  ["Delivery was late and customer service never answered", -0.6, "2026-10-02"],
  ["Terrible customer service, nobody called back", -0.8, "2026-10-05"],
  ["The delivery was late again", -0.4, "2026-10-09"],
  ["Coffee arrived stale after a week", -0.5, "2026-10-12"],
  ["Great coffee, fast delivery", 0.8, "2026-10-15"],
  ["Customer service was rude", -0.7, "2026-09-20"],
  ["Toimitus myöhästyi taas", -0.9, "2026-10-16"],
  ["خیلی گران است", -0.3, "2026-10-17"],
  ["Շատ թանկ է", -0.35, "2026-10-18"],
  ["The holiday closure surprised me", -0.2, "2026-10-19"],
  // Rates no word: it only leans negative (UNRATED_LEAN) and is no complaint.
  ["The parcel came on Tuesday", UNRATED_LEAN, "2026-10-20"],
];

describe.each(drivers)("complaint themes on $name", (driver) => {
  let db: Database;
  beforeAll(async () => {
    db = await driver.open();
    await ensureWorkspace(db, context.workspaceId);
    for (const [i, [text, sentiment, day]] of texts.entries()) {
      if (i % 2 === 0)
        await db.rows(sql`insert into survey_responses (workspace_id, id, kind, score, comment, responded_at, sentiment)
          values ('themes', ${`s${i}`}, 'csat', 2, ${text}, ${`${day}T10:00:00Z`}::timestamptz, ${sentiment})`);
      else
        await db.rows(sql`insert into events (workspace_id, id, kind, occurred_at, text, sentiment)
          values ('themes', ${`e${i}`}, 'social_mention', ${`${day}T10:00:00Z`}::timestamptz, ${text}, ${sentiment})`);
    }
  });
  afterAll(() => db.close());

  it("groups the range's negative texts by theme across languages, the most negative as example", async () => {
    const result = await complaintThemes(db, october, context);
    expect(result.texts).toBe(8);
    expect(result.themes.slice(0, 3)).toEqual([
      // Three English texts (stale coffee "arrived") and a Finnish one, the most negative.
      { phrase: "delivery", count: 4, example: "Toimitus myöhästyi taas", language: "fi" },
      { phrase: "price", count: 2, example: "Շատ թանկ է", language: "hy" },
      {
        phrase: "support",
        count: 2,
        example: "Terrible customer service, nobody called back",
        language: "en",
      },
    ]);
    expect(result.themes).toContainEqual({
      phrase: "quality",
      count: 1,
      example: "Coffee arrived stale after a week",
      language: "en",
    });
  });

  it("gives an English text about none of the themes its noun phrases", async () => {
    const result = await complaintThemes(db, october, context);
    expect(result.themes.map((t) => t.phrase)).toContain("holiday closure");
  });

  it.each([
    ["Toimitus myöhästyi taas", ["delivery"]],
    ["Liian kallista", ["price"]],
    ["O atendimento não respondeu", ["support"]],
    ["Produto veio quebrado", ["quality"]],
    ["اپلیکیشن هنگ می‌کند", ["app"]],
    ["Առաքումը ուշացավ և շատ թանկ է", ["delivery", "price"]],
    ["მიწოდება დაგვიანდა", ["delivery"]],
    ["አቅርቦቱ ዘገየ", ["delivery"]],
    ["የማድረሻ ክፍያው በጣም ከፍተኛ ነው", ["delivery", "price"]],
    ["ገንዘቤን መልሱልኝ", ["price", "support"]],
    ["Palautus on painajainen", ["support"]],
    ["Sovellus kaatuu päivityksen jälkeen", ["app"]],
    ["ჩემს საჩივარს არავინ უპასუხა", ["support"]],
    ["Շիշը կոտրված էր, փաթեթավորումը՝ թաց", ["delivery", "quality"]],
  ])("reads the theme of %s", (text, topics) => {
    expect(topicsOf(text)).toEqual(topics);
  });

  it("does not count a comment that only leans negative as a complaint", async () => {
    const result = await complaintThemes(db, october, context);
    expect(result.themes.every((t) => t.example !== "The parcel came on Tuesday")).toBe(true);
  });

  it("leaves out positive texts and texts outside the range", async () => {
    const result = await complaintThemes(db, october, context);
    expect(result.themes.every((t) => !t.example.startsWith("Great"))).toBe(true);
    expect(result.themes.every((t) => t.example !== "Customer service was rude")).toBe(true);
  });

  it("reads noun phrases without stop words or time words", () => {
    expect(phrasesOf("Terrible customer service, I waited three weeks for a refund")).toEqual([
      "terrible customer service",
      "customer service",
      "service",
      "refund",
    ]);
  });
});
