/** The hand-checked shop of test/fixtures/shop, imported into a fresh database. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import type { Database } from "../../db/client.js";
import type { Asker } from "../../src/assistant/types.js";
import { importDirectory } from "../../src/import/import-directory.js";
import { ensureWorkspace } from "../../src/workspace/workspace.js";

export const shopDir = new URL("../fixtures/shop/", import.meta.url).pathname;

/** A scorer whose values are easy to add up by hand; the real one is tested on its own. */
export const handScorer = (text: string): number | null =>
  /great/i.test(text) ? 0.9 : /slow/i.test(text) ? -0.5 : /love/i.test(text) ? 0.7 : 0;

export const context = { workspaceId: "shop", timezone: "UTC" };

/** Someone asking in the shop's Slack channel C1. */
export const shopAsker: Asker = {
  workspaceId: "shop",
  platform: "slack",
  userId: "U1",
  chatId: "C1",
  isDirect: false,
};

export async function loadShop(db: Database): Promise<void> {
  await ensureWorkspace(db, context.workspaceId);
  await importDirectory(db, shopDir, { ...context, sentiment: handScorer });
  // Prompts are written by the bot, not imported: two sent in October, one answered (s1).
  await db.rows(sql`insert into survey_prompts (workspace_id, customer_id, kind, channel, status, sent_at)
    values ('shop', 'c1', 'nps', 'telegram', 'answered', '2026-10-04T10:00:00Z'),
           ('shop', 'c2', 'nps', 'telegram', 'sent', '2026-10-04T10:00:00Z'),
           ('shop', 'c3', 'nps', 'telegram', 'sent', '2026-09-04T10:00:00Z')`);
  const [first] = await db.rows<{ id: string }>(
    sql`select min(id)::text as id from survey_prompts where workspace_id = 'shop'`,
  );
  await db.rows(
    sql`update survey_responses set prompt_id = ${first!.id} where workspace_id = 'shop' and id = 's1'`,
  );
}

/**
 * The shop in a database of its own for a test file: opened and loaded before
 * the file's tests, closed after them; `db` is filled in then.
 */
export function shopDatabase(open: () => Promise<Database>): { db: Database } {
  const shop = {} as { db: Database };
  beforeAll(async () => {
    shop.db = await open();
    await loadShop(shop.db);
  });
  afterAll(() => shop.db?.close());
  return shop;
}
