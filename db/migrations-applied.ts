/**
 * Whether a database has every migration of the journal, read in one query
 * from drizzle's own table: drizzle's migrate, with nothing to do, still
 * creates its schema and table again and reads every migration file, about
 * 0.3 s of CPU on PGlite that each CLI command paid before its question.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { migrationsFolder } from "./package-root.js";

/** The `when` of the newest migration: drizzle stamps each one it applies with it (created_at). */
function newestMigration(): number {
  const journal = JSON.parse(
    readFileSync(join(migrationsFolder(), "meta", "_journal.json"), "utf8"),
  ) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

/** Runs one SQL text and returns its rows (PGlite's `query`, postgres.js's `unsafe`). */
type RowsOf = (text: string) => Promise<Record<string, unknown>[]>;

/** True when drizzle's migrate would apply nothing: it applies what is newer than its newest record. */
export async function migrationsApplied(rowsOf: RowsOf): Promise<boolean> {
  const [table] = await rowsOf(
    "select to_regclass('drizzle.__drizzle_migrations') is not null as present",
  );
  if (!table?.present) return false;
  const [newest] = await rowsOf(
    "select max(created_at)::text as applied from drizzle.__drizzle_migrations",
  );
  return Number(newest?.applied ?? 0) >= newestMigration();
}
