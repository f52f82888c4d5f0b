/** Complaint themes of a small fixture: which phrases, how often, and one example each. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { phrasesOf } from "../../src/themes/phrases.js";
import { complaintThemes } from "../../src/themes/themes.js";
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

  it("counts the phrases of the range's negative texts, with the most negative text as example", async () => {
    const result = await complaintThemes(db, october, context);
    expect(result.texts).toBe(4);
    expect(result.themes.slice(0, 2)).toEqual([
      {
        phrase: "customer service",
        count: 2,
        example: "Terrible customer service, nobody called back",
      },
      {
        phrase: "delivery",
        count: 2,
        example: "Delivery was late and customer service never answered",
      },
    ]);
    expect(result.themes.map((t) => t.phrase)).toContain("coffee");
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
