import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder holding Pulse's package.json. Code runs both from source (tests)
 * and from dist/ (the CLI), at different depths, so walk up instead of
 * hard-coding "../..".
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Pulse's package.json was not found above ${dir}`);
    dir = parent;
  }
  return dir;
}

export const migrationsFolder = (): string => join(packageRoot(), "db", "migrations");
