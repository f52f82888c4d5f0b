import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One migrated database per run, copied by every test database (PGlite and Postgres).
    globalSetup: ["test/support/template-databases.ts"],
    // Generous: a loaded two-core machine runs the PGlite and CLI tests several times slower.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Two cores: PGlite instances are heavy, keep files from starving each other.
    maxWorkers: 2,
  },
});
