import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Database } from "../../db/client.js";
import { type ImportOptions, type ImportSummary, importFile } from "./import-file.js";
import { tableNames, tables } from "./tables.js";

/**
 * Imports every canonical file present in a folder (customers.csv, orders.csv,
 * ...), customers first since the others refer to them. Each file is its own
 * transaction; the first rejected file stops the run.
 */
export async function importDirectory(
  db: Database,
  dir: string,
  options: Omit<ImportOptions, "map" | "set" | "derive">,
  onFile?: (summary: ImportSummary) => void,
): Promise<ImportSummary[]> {
  const summaries: ImportSummary[] = [];
  for (const table of tableNames) {
    const path = join(dir, `${table}.csv`);
    if (!existsSync(path)) continue;
    // --create-customers concerns the files that name customers with a date (orders), not customers.csv itself.
    const summary = await importFile(db, table, path, {
      ...options,
      createCustomers:
        (options.createCustomers ?? false) && tables[table].customerSince !== undefined,
    });
    summaries.push(summary);
    onFile?.(summary);
  }
  return summaries;
}
