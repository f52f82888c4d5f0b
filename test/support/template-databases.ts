/**
 * Vitest global setup: one migrated database made per run, that every test
 * database starts as a copy of (test/support/databases.ts), instead of each
 * test file initialising and migrating its own. PGlite's is a dumped data
 * folder in a temporary file; Postgres's a template database on the server of
 * TEST_DATABASE_URL. Their places reach the test workers through the
 * environment, which the workers inherit.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { dumpMigrated, openDatabase } from "../../db/client.js";
import { databaseUrl, templateEnv } from "./databases.js";

export default async function setup(): Promise<() => Promise<void>> {
  const folder = await mkdtemp(join(tmpdir(), "pulse-template-"));
  const tar = join(folder, "migrated.tar");
  await writeFile(tar, new Uint8Array(await (await dumpMigrated()).arrayBuffer()));
  process.env[templateEnv.pglite] = tar;

  const adminUrl = process.env.TEST_DATABASE_URL;
  const template = `pulse_template_${randomBytes(6).toString("hex")}`;
  if (adminUrl) {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${template}`);
    await admin.end();
    // Migrated, then closed: Postgres copies no template that a session is connected to.
    await (await openDatabase({ mode: "postgres", url: databaseUrl(adminUrl, template) })).close();
    process.env[templateEnv.postgres] = template;
  }

  return async () => {
    await rm(folder, { recursive: true, force: true });
    if (!adminUrl) return;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${template} with (force)`);
    await admin.end();
  };
}
