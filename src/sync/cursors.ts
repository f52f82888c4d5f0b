/** Where each vendor stream of a workspace stopped: a sync reads on from there (sync_cursors, migration 0024). */
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";

export async function readCursors(
  db: Queryable,
  workspaceId: string,
  source: string,
): Promise<Map<string, string>> {
  const rows = await db.rows<{ stream: string; cursor: string }>(
    sql`select stream, cursor from sync_cursors where workspace_id = ${workspaceId} and source = ${source}`,
  );
  return new Map(rows.map((r) => [r.stream, r.cursor]));
}

export async function saveCursor(
  db: Queryable,
  workspaceId: string,
  source: string,
  stream: string,
  cursor: string,
): Promise<void> {
  await db.rows(sql`insert into sync_cursors (workspace_id, source, stream, cursor, updated_at)
    values (${workspaceId}, ${source}, ${stream}, ${cursor}, now())
    on conflict (workspace_id, source, stream) do update set cursor = excluded.cursor, updated_at = now()`);
}
