/**
 * The drivers every database test runs on: embedded PGlite always, and the
 * Postgres server when TEST_DATABASE_URL is set (a fresh database per call,
 * dropped on close).
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type Database, openDatabase } from "../../db/client.js";

export interface Driver {
  name: "pglite" | "postgres";
  open(): Promise<Database>;
}

/** A new, migrated database on the server at `adminUrl`; closing it drops it. Benchmarks use it too. */
export async function openFreshPostgres(
  adminUrl: string,
  prefix = "pulse_t",
): Promise<Database & { url: string }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ mode: "postgres", url: url.toString() });
  return {
    ...db,
    url: url.toString(),
    close: async () => {
      await db.close();
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export const testDatabaseUrl = process.env.TEST_DATABASE_URL;

export const drivers: Driver[] = [
  { name: "pglite", open: () => openDatabase({ mode: "embedded", dataDir: null }) },
  ...(testDatabaseUrl
    ? [{ name: "postgres" as const, open: () => openFreshPostgres(testDatabaseUrl) }]
    : []),
];
