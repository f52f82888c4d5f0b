/**
 * Fills a workspace with the demo business through the ordinary CSV import,
 * so the demo exercises the same validation and storage as real data.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { type DemoData, demoBusinessName, generateDemo } from "../../db/demo/generate.js";
import { PulseError } from "../errors.js";
import { importDirectory } from "../import/import-directory.js";
import type { ImportSummary } from "../import/import-file.js";
import { scoreSentiment } from "../sentiment/score.js";
import { ensureWorkspace, updateWorkspace } from "../workspace/workspace.js";

export interface SeedResult {
  /** False when the workspace already held the demo and was reused as it was. */
  created: boolean;
  summaries: ImportSummary[];
}

function writeCsvFiles(dir: string, data: DemoData): void {
  for (const [table, rows] of Object.entries(data)) {
    writeFileSync(
      join(dir, `${table}.csv`),
      stringify(rows as Record<string, string>[], { header: true }),
    );
  }
}

/** Seeds the demo into `workspaceId` unless it is already there; refuses a workspace that holds other data. */
export async function seedDemo(
  db: Database,
  workspaceId: string,
  today: string,
  options: { scale?: number; onFile?: (summary: ImportSummary) => void } = {},
): Promise<SeedResult> {
  const workspace = await ensureWorkspace(db, workspaceId);
  const [{ n } = { n: 0 }] = await db.rows<{ n: number }>(
    sql`select count(*)::int as n from customers where workspace_id = ${workspaceId}`,
  );
  if (Number(n) > 0) {
    if (workspace.name === demoBusinessName) return { created: false, summaries: [] };
    throw new PulseError(
      "config_invalid",
      `Workspace "${workspaceId}" already holds data that is not the demo; run the demo in another one (PULSE_WORKSPACE=demo).`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), "pulse-demo-"));
  try {
    writeCsvFiles(dir, generateDemo({ end: today, scale: options.scale }));
    const summaries = await importDirectory(
      db,
      dir,
      { workspaceId, timezone: workspace.timezone, sentiment: scoreSentiment, batchSize: 5000 },
      options.onFile,
    );
    // Made-up customers with made-up chat ids: never surveyed (src/surveys/eligibility.ts).
    await db.rows(sql`update customers set demo = true where workspace_id = ${workspaceId}`);
    await updateWorkspace(db, workspaceId, { name: demoBusinessName, currency: "EUR" });
    return { created: true, summaries };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether the workspace holds the demo's made-up customers. */
export async function isDemoWorkspace(db: Database, workspaceId: string): Promise<boolean> {
  const rows = await db.rows(
    sql`select 1 from customers where workspace_id = ${workspaceId} and demo limit 1`,
  );
  return rows.length > 0;
}
