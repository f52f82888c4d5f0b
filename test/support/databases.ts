/**
 * The drivers every database test runs on: embedded PGlite always, and the
 * Postgres server when TEST_DATABASE_URL is set (a fresh database per call,
 * dropped on close). Each starts as a copy of the run's migrated template
 * when the global setup made one (test/support/template-databases.ts).
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { type Database, type DatabaseTarget, openDatabase } from "../../db/client.js";

export interface Driver {
  name: "pglite" | "postgres";
  open(): Promise<Database>;
}

/** Where the global setup says its templates are. */
export const templateEnv = {
  pglite: "PULSE_TEST_PGLITE_TEMPLATE",
  postgres: "PULSE_TEST_POSTGRES_TEMPLATE",
} as const;

/** The URL of database `name` on the server of `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A new, migrated database on the server at `adminUrl`; closing it drops it. Benchmarks use it
 * too. A copy of `template` when given (the test run's migrated one by default), else migrated.
 */
export async function openFreshPostgres(
  adminUrl: string,
  prefix = "pulse_t",
  template = process.env[templateEnv.postgres],
): Promise<Database & { url: string }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}${template ? ` template ${template}` : ""}`);
  await admin.end();
  const url = databaseUrl(adminUrl, name);
  const db = await openDatabase({ mode: "postgres", url });
  return {
    ...db,
    url,
    close: async () => {
      await db.close();
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

let pgliteTemplate: Blob | undefined;

/** A new in-memory PGlite target: a copy of the run's migrated data folder when there is one. */
export function inMemory(): DatabaseTarget {
  const tar = process.env[templateEnv.pglite];
  if (!tar) return { mode: "embedded", dataDir: null };
  pgliteTemplate ??= new Blob([readFileSync(tar)]);
  return { mode: "embedded", dataDir: null, from: pgliteTemplate };
}

export const testDatabaseUrl = process.env.TEST_DATABASE_URL;

export const drivers: Driver[] = [
  { name: "pglite", open: () => openDatabase(inMemory()) },
  ...(testDatabaseUrl
    ? [{ name: "postgres" as const, open: () => openFreshPostgres(testDatabaseUrl) }]
    : []),
];
