/**
 * Runs one sync: the pages the source yields go through the same import as
 * POST /ingest (validation, idempotent upserts, the event alerts' triggers),
 * a thousand rows at a time, then the last page's cursor is stored. A sync killed between the two reads the page
 * again next time and changes nothing; one killed before either loses nothing.
 */
import type { Database } from "../../db/client.js";
import type { TableName } from "../import/tables.js";
import { ingestRows } from "../ingest/ingest.js";
import { getWorkspace } from "../workspace/workspace.js";
import { readCursors, saveCursor } from "./cursors.js";
import type { SyncPage, SyncSource } from "./types.js";

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

const BATCH_ROWS = 1_000;

const sameList = (a: SyncPage, b: SyncPage) =>
  a.stream === b.stream && a.table === b.table && a.createCustomers === b.createCustomers;

/** Two pages of one list as one: the rows of both, the later cursor. */
function merged(a: SyncPage, b: SyncPage): SyncPage {
  const leftOut = { ...a.leftOut };
  for (const [why, n] of Object.entries(b.leftOut ?? {})) leftOut[why] = (leftOut[why] ?? 0) + n;
  return {
    ...a,
    rows: [...a.rows, ...b.rows],
    fetched: a.fetched + b.fetched,
    leftOut,
    cursor: b.cursor ?? a.cursor,
  };
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
  // Pages of one list are written together up to BATCH_ROWS: one import per thousand rows, not per hundred.
  let held: SyncPage | null = null;
  const write = async (page: SyncPage) => {
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
  };
  for await (const page of source.pages(cursors, { workspace, db })) {
    if (held && sameList(held, page) && held.rows.length + page.rows.length <= BATCH_ROWS) {
      held = merged(held, page);
      continue;
    }
    if (held) await write(held);
    held = page;
  }
  if (held) await write(held);
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
