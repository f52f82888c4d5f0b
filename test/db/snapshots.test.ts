/**
 * `npm run db:generate` diffs the schema (db/schema) against the newest
 * drizzle-kit snapshot in db/migrations/meta: it writes nothing only while
 * that snapshot is the schema, and belongs to the last migration.
 */
import { readdirSync, readFileSync } from "node:fs";
import { type DrizzleSnapshotJSON, generateDrizzleJson, generateMigration } from "drizzle-kit/api";
import { describe, expect, it } from "vitest";
import * as schema from "../../db/schema/index.js";

const meta = new URL("../../db/migrations/meta/", import.meta.url);
const journal = JSON.parse(readFileSync(new URL("_journal.json", meta), "utf8")) as {
  entries: { idx: number; tag: string }[];
};
// drizzle-kit diffs against the snapshot whose name sorts last.
const newest = readdirSync(meta)
  .filter((name) => name.endsWith("_snapshot.json"))
  .sort()
  .at(-1)!;
const snapshot = JSON.parse(readFileSync(new URL(newest, meta), "utf8")) as DrizzleSnapshotJSON;

describe("the drizzle-kit snapshots", () => {
  it("end with a snapshot of the last migration (a new migration comes with its snapshot)", () => {
    const last = journal.entries.at(-1)!;
    expect(newest).toBe(`${last.tag.slice(0, 4)}_snapshot.json`);
  });

  it("hold the schema as it is, so db:generate on an unchanged schema writes nothing", async () => {
    const current = generateDrizzleJson(schema, snapshot.id);
    expect(await generateMigration(snapshot, current)).toEqual([]);
  });
});
