import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

/**
 * What puts a test file in the slow tier: it opens a database (PGlite, and Postgres when
 * TEST_DATABASE_URL is set) or starts processes, through these helpers or directly.
 */
const slow =
  /child_process|support\/(databases|slack-harness|telegram-harness|alert-harness|survey-engine|survey-customers|survey-campaigns|shop|planted-churn|pulse-process)\.js|db\/client\.js|open-pulse\.js/;

const testFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? testFiles(join(dir, entry.name))
      : entry.name.endsWith(".test.ts")
        ? [join(dir, entry.name)]
        : [],
  );

const [slowFiles, fastFiles] = testFiles("test").reduce<[string[], string[]]>(
  ([s, f], file) => (slow.test(readFileSync(file, "utf8")) ? [[...s, file], f] : [s, [...f, file]]),
  [[], []],
);

export default defineConfig({
  test: {
    // Generous: a loaded two-core machine runs the PGlite and CLI tests several times slower.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Two cores: PGlite instances are heavy, keep files from starving each other.
    maxWorkers: 2,
    projects: [
      // `npm run test:fast`: no database, no process, well under a minute.
      { extends: true, test: { name: "fast", include: fastFiles } },
      {
        extends: true,
        test: {
          name: "slow",
          include: slowFiles,
          // One migrated database per run, copied by every test database (PGlite and Postgres).
          globalSetup: ["test/support/template-databases.ts"],
        },
      },
    ],
  },
});
