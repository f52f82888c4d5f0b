/**
 * Runs one sync: every page the source yields goes through the same import
 * as POST /ingest (validation, idempotent upserts, the event alerts' triggers),
 * then its cursor is stored. A sync killed between the two reads the page
 * again next time and changes nothing; one killed before either loses nothing.
 */
import type { Database } from "../../db/client.js";
import type { TableName } from "../import/tables.js";
import { ingestRows } from "../ingest/ingest.js";
import { getWorkspace } from "../workspace/workspace.js";
import { readCursors, saveCursor } from "./cursors.js";
import type { SyncSource } from "./types.js";

export interface TableCount {
  fetched: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface SyncSummary {
  source: SyncSource["name"];
  tables: Partial<Record<TableName, TableCount>>;
  /** Objects that are no rows, counted by why (failed charges, another currency than the workspace's). */
  leftOut: Record<string, number>;
  seconds: number;
}

export async function runSync(
  db: Database,
  workspaceId: string,
  source: SyncSource,
  onPage?: (summary: SyncSummary) => void,
): Promise<SyncSummary> {
  const started = performance.now();
  const workspace = await getWorkspace(db, workspaceId);
  const cursors = await readCursors(db, workspaceId, source.name);
  const summary: SyncSummary = { source: source.name, tables: {}, leftOut: {}, seconds: 0 };
  for await (const page of source.pages(cursors, { workspace, db })) {
    const count = summary.tables[page.table] ?? {
      fetched: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
    };
    summary.tables[page.table] = count;
    count.fetched += page.fetched;
    if (page.rows.length > 0) {
      const written = await ingestRows(db, workspaceId, page.table, page.rows, {
        createCustomers: page.createCustomers ?? false,
      });
      count.inserted += written.inserted;
      count.updated += written.updated;
      count.unchanged += written.unchanged;
    }
    for (const [why, n] of Object.entries(page.leftOut ?? {}))
      summary.leftOut[why] = (summary.leftOut[why] ?? 0) + n;
    if (page.cursor !== undefined)
      await saveCursor(db, workspaceId, source.name, page.stream, page.cursor);
    summary.seconds = (performance.now() - started) / 1000;
    onPage?.(summary);
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
