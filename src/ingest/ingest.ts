/**
 * Rows pushed by a shop or CRM (POST /ingest/{table}), as JSON or CSV, go
 * through the CSV import itself (src/import): the same validation, the same
 * idempotent upserts, all or nothing. JSON rows become a CSV file first; a
 * problem's line is mapped back to the row's 1-based index in the JSON.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import type { Database } from "../../db/client.js";
import { PulseError } from "../errors.js";
import { ImportRejectedError, ImportUnreadableError } from "../import/errors.js";
import { type ImportSummary, importFile } from "../import/import-file.js";
import { type TableName, tableNames } from "../import/tables.js";
import { scoreSentiment } from "../sentiment/score.js";
import { getWorkspace } from "../workspace/workspace.js";

export interface IngestProblem {
  /** CSV: the line of the body (the header is line 1). JSON: the row's 1-based index. */
  line: number;
  /** Absent for a problem of the whole body (its encoding, broken quoting). */
  column?: string;
  problem: string;
}

/** The body was not imported; nothing was written. */
export class IngestRejectedError extends PulseError {
  constructor(
    readonly problems: IngestProblem[],
    readonly unit: "line" | "row",
  ) {
    super(
      "import_rejected",
      `nothing was imported: ${problems.map((p) => `${unit} ${p.line}: ${p.column ? `${p.column}: ` : ""}${p.problem}`).join("; ")}`,
    );
  }
}

export const isTableName = (name: string): name is TableName =>
  (tableNames as readonly string[]).includes(name);

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
};

/** JSON rows as CSV text, and the last CSV line of each row (to map problems back). */
function jsonToCsv(body: string): { csv: string; endLines: number[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new IngestRejectedError(
      [{ line: 0, column: "body", problem: `not JSON: ${(error as Error).message}` }],
      "row",
    );
  }
  const rows = Array.isArray(parsed) ? parsed : (parsed as { rows?: unknown })?.rows;
  if (
    !Array.isArray(rows) ||
    rows.some((r) => typeof r !== "object" || r === null || Array.isArray(r))
  )
    throw new IngestRejectedError(
      [
        {
          line: 0,
          column: "body",
          problem: 'expected an array of row objects (or {"rows": [...]})',
        },
      ],
      "row",
    );
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r as object)))];
  const lines = [stringify([columns])];
  const endLines: number[] = [];
  let line = 1;
  for (const row of rows as Record<string, unknown>[]) {
    const text = stringify([columns.map((c) => cell(row[c]))]);
    line += text.split("\n").length - 1;
    endLines.push(line);
    lines.push(text);
  }
  return { csv: lines.join(""), endLines };
}

/**
 * Imports a JSON or CSV body into `table`; throws IngestRejectedError with line (CSV) or row (JSON) numbers.
 * A CSV body's encoding is the request's charset when it names one, else detected as for a file.
 */
export async function ingest(
  db: Database,
  workspaceId: string,
  table: TableName,
  body: Buffer,
  format: "json" | "csv",
  encoding?: string,
  options: { createCustomers?: boolean } = {},
): Promise<ImportSummary> {
  const workspace = await getWorkspace(db, workspaceId);
  const converted = format === "json" ? jsonToCsv(body.toString("utf8")) : null;
  const dir = await mkdtemp(join(tmpdir(), "pulse-ingest-"));
  const path = join(dir, `${table}.csv`);
  try {
    await writeFile(path, converted ? converted.csv : body);
    return await importFile(db, table, path, {
      workspaceId,
      timezone: workspace.timezone,
      sentiment: scoreSentiment,
      ...(encoding && !converted ? { encoding } : {}),
      ...(options.createCustomers ? { createCustomers: true } : {}),
    });
  } catch (error) {
    if (error instanceof ImportUnreadableError)
      throw new IngestRejectedError([{ line: error.line, problem: error.problem }], "line");
    if (error instanceof ImportRejectedError) {
      // CSV keeps its lines (the header is line 1); JSON's header is no row, so it is row 0, the body.
      const rowOf = (line: number) => {
        if (!converted) return line;
        if (line <= 1) return 0;
        return converted.endLines.findIndex((end) => end >= line) + 1;
      };
      throw new IngestRejectedError(
        error.problems.map((p) => ({ line: rowOf(p.line), column: p.column, problem: p.problem })),
        converted ? "row" : "line",
      );
    }
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Rows a vendor sync read, imported as a JSON body would be (the same checks, upserts and triggers). */
export const ingestRows = (
  db: Database,
  workspaceId: string,
  table: TableName,
  rows: Record<string, string | number | null>[],
  options: { createCustomers?: boolean } = {},
): Promise<ImportSummary> =>
  ingest(db, workspaceId, table, Buffer.from(JSON.stringify(rows)), "json", undefined, options);
