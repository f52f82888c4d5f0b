import { existsSync, readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, it } from "vitest";

/**
 * ../shared beside the repository: the published question examples and real
 * public data sets, used by path, never copied. A plain clone has no such
 * folder: the tests that need it skip, and their names say why.
 */
export const shared: URL =
  ["../../../shared/", "../../../../shared/"] // beside the clone, or beside a folder of git worktrees
    .map((up) => new URL(up, import.meta.url))
    .find((url) => existsSync(url)) ?? new URL("../../../shared/", import.meta.url);

/** Whether ../shared/<path> exists beside the repository. */
export const hasShared = (path: string): boolean => existsSync(new URL(path, shared));

const absentNote = (path: string) => `skipped: needs ../shared/${path}, absent beside this clone`;

/** Appended to the name of a block that needs ../shared/<path>: why it is skipped, when it is. */
export const skipNote = (path: string): string => (hasShared(path) ? "" : ` (${absentNote(path)})`);

/**
 * A describe block that needs ../shared/<path>. Without it the block is
 * skipped and holds one skipped test whose name gives the reason, so the
 * report says what did not run and why.
 */
export function describeWithShared(name: string, path: string, body: () => void): void {
  const absent = !hasShared(path);
  describe.skipIf(absent)(name, () => {
    if (absent) it(absentNote(path), () => {});
    else body();
  });
}

export const sharedData = (file: string): string => new URL(`data/${file}`, shared).pathname;

export const readCsv = (file: string): Record<string, string>[] =>
  parse(readFileSync(sharedData(file)), { columns: true, bom: true, skip_empty_lines: true });
