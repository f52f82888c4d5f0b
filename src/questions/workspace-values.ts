/**
 * The values a workspace's own data holds for the dimensions whose values
 * are the business's words (plans, channels, categories, owners, sources),
 * and the countries its customers live in. Questions name them ("revenue for
 * the pro plan", "NPS from ads"): the pipeline tags them from this list, so
 * a word that is no value of this business ("from tiktok") is never taken
 * for one. Read once per workspace and kept for a minute, so an import shows
 * up soon without a query per question.
 */
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import type { DimensionId } from "../metrics/types.js";

export type WorkspaceValues = Partial<Record<DimensionId, readonly string[]>>;

const TTL_MS = 60_000;
/** Per database (tests open several), per workspace. */
const caches = new WeakMap<
  Queryable,
  Map<string, { at: number; values: Promise<WorkspaceValues> }>
>();

async function read(db: Queryable, workspaceId: string): Promise<WorkspaceValues> {
  const rows = await db.rows<{ dimension: DimensionId; value: string }>(sql`
    select distinct 'plan' as dimension, plan as value from customers where workspace_id = ${workspaceId} and plan is not null
    union select distinct 'channel', channel from customers where workspace_id = ${workspaceId} and channel is not null
    union select distinct 'country', country from customers where workspace_id = ${workspaceId} and country is not null
    union select distinct 'category', category from orders where workspace_id = ${workspaceId} and category is not null
    union select distinct 'owner', owner from deals where workspace_id = ${workspaceId} and owner is not null
    union select distinct 'source', source from deals where workspace_id = ${workspaceId} and source is not null`);
  const values: Partial<Record<DimensionId, string[]>> = {};
  for (const { dimension, value } of rows) {
    const list = values[dimension] ?? [];
    list.push(value);
    values[dimension] = list;
  }
  return values;
}

/**
 * The workspace's values, from the cache when read less than `maxAgeMs` ago
 * (a minute). A rule is stored for good, so an alert command reads them anew
 * (`maxAgeMs: 0`): a value imported a moment ago is known to it.
 */
export function workspaceValues(
  db: Queryable,
  workspaceId: string,
  { maxAgeMs = TTL_MS, now = Date.now() }: { maxAgeMs?: number; now?: number } = {},
): Promise<WorkspaceValues> {
  const cache = caches.get(db) ?? new Map();
  caches.set(db, cache);
  const hit = cache.get(workspaceId);
  if (hit && now - hit.at < Math.min(maxAgeMs, TTL_MS)) return hit.values;
  const values = read(db, workspaceId);
  cache.set(workspaceId, { at: now, values });
  // A failed read is not kept: the next question tries again.
  values.catch(() => cache.delete(workspaceId));
  return values;
}
