/** Conversations in the database: follow-ups survive a restart and work across processes. */
import { sql } from "drizzle-orm";
import { instant, type Queryable } from "../../db/client.js";
import type { ConversationEntry, ConversationStore } from "./conversation-memory.js";

/** Entries older than this are deleted now and then; recall ignores them long before. */
const KEEP_MS = 7 * 24 * 3_600_000;

/** A read of one conversation: the kinds wanted in this tick, and the entries found by kind. */
interface Batch {
  kinds: Set<string>;
  rows: Promise<Map<string, ConversationEntry>>;
}
/** Per database, the reads not yet sent, by workspace and conversation. */
const pending = new WeakMap<Queryable, Map<string, Batch>>();

/**
 * A conversation's entries of the given kind, read together with the other
 * kinds asked for in the same tick: a question hydrates its question and
 * insight follow-ups at once, in one round trip rather than two.
 */
function loadBatched(
  db: Queryable,
  workspaceId: string,
  kind: string,
  id: string,
): Promise<ConversationEntry | null> {
  const batches = pending.get(db) ?? new Map<string, Batch>();
  pending.set(db, batches);
  const key = `${workspaceId}\u0000${id}`;
  let batch = batches.get(key);
  if (!batch) {
    const kinds = new Set<string>();
    const rows = Promise.resolve().then(async () => {
      batches.delete(key);
      const found = await db.rows<{ kind: string; value: unknown; at: string | Date }>(sql`select
          kind, value, updated_at as at from conversations
        where workspace_id = ${workspaceId} and id = ${id}
          and kind in (${sql.join(
            [...kinds].map((k) => sql`${k}`),
            sql`, `,
          )})`);
      return new Map(found.map((r) => [r.kind, { value: r.value, at: new Date(r.at).getTime() }]));
    });
    batch = { kinds, rows };
    batches.set(key, batch);
  }
  batch.kinds.add(kind);
  return batch.rows.then((stored) => stored.get(kind) ?? null);
}

/** The store of one kind of follow-up ("question", "insight") in one workspace. */
export function conversationStore(
  db: Queryable,
  workspaceId: string,
  kind: string,
): ConversationStore {
  let prunedAt = 0;
  return {
    load: (id) => loadBatched(db, workspaceId, kind, id),
    async save(id, entry) {
      if (!entry) {
        await db.rows(sql`delete from conversations
          where workspace_id = ${workspaceId} and kind = ${kind} and id = ${id}`);
        return;
      }
      await db.rows(sql`insert into conversations (workspace_id, kind, id, value, updated_at)
        values (${workspaceId}, ${kind}, ${id}, ${JSON.stringify(entry.value)}::jsonb, ${instant(new Date(entry.at))})
        on conflict (workspace_id, kind, id)
        do update set value = excluded.value, updated_at = excluded.updated_at`);
      if (entry.at - prunedAt > 3_600_000) {
        prunedAt = entry.at;
        await db.rows(sql`delete from conversations
          where workspace_id = ${workspaceId} and updated_at < ${instant(new Date(entry.at - KEEP_MS))}`);
      }
    },
  };
}
