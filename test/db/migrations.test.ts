import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const journal = JSON.parse(
  readFileSync(new URL("../../db/migrations/meta/_journal.json", import.meta.url), "utf8"),
) as { entries: { idx: number; when: number; tag: string }[] };

describe("the migration journal", () => {
  it("dates every migration after the one before it (drizzle skips one dated before the last applied)", () => {
    const { entries } = journal;
    for (let i = 1; i < entries.length; i++) {
      expect(entries[i]!.idx, entries[i]!.tag).toBeGreaterThan(entries[i - 1]!.idx);
      expect(entries[i]!.when, entries[i]!.tag).toBeGreaterThan(entries[i - 1]!.when);
    }
  });
});
