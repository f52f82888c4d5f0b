/** Conversations in the database: follow-ups survive a restart and work across processes. */
import { sql } from "drizzle-orm";
import { instant, type Queryable } from "../../db/client.js";
import type { ConversationStore } from "./conversation-memory.js";

/** Entries older than this are deleted now and then; recall ignores them long before. */
const KEEP_MS = 7 * 24 * 3_600_000;

/** The store of one kind of follow-up ("question", "insight") in one workspace. */
export function conversationStore(
  db: Queryable,
  workspaceId: string,
  kind: string,
): ConversationStore {
  let prunedAt = 0;
  return {
    async load(id) {
      const [row] = await db.rows<{ value: unknown; at: string | Date }>(sql`select value,
          updated_at as at from conversations
        where workspace_id = ${workspaceId} and kind = ${kind} and id = ${id}`);
      return row ? { value: row.value, at: new Date(row.at).getTime() } : null;
    },
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
