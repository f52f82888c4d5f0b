/**
 * Streams one CSV file into one table: parse, validate, upsert in batches,
 * all inside one transaction, so a file is imported whole or not at all.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, statSync, type WriteStream } from "node:fs";
import { basename } from "node:path";
import { pipeline } from "node:stream";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify";
import { sql } from "drizzle-orm";
import iconv from "iconv-lite";
import type { Database, Queryable } from "../../db/client.js";
import { PulseError } from "../errors.js";
import { csvSyntaxError } from "./csv-problems.js";
import {
  type Derivations,
  type Deriver,
  derivedColumns,
  derivers,
  validateDerivations,
} from "./derive.js";
import { ImportRejectedError, type RowProblem } from "./errors.js";
import { detectFormat, type FileFormat } from "./file-format.js";
import { type TableName, type TableSpec, tables } from "./tables.js";
import { castValue, upsertBatch } from "./upsert.js";
import type { DateFormat } from "./values.js";

export interface ImportOptions {
  workspaceId: string;
  /** Zone of bare dates and of times without an offset. */
  timezone: string;
  /** canonical column -> the file's column name, for exports with other names. */
  map?: Record<string, string>;
  /** canonical column -> a constant for every row (a column the file lacks). */
  set?: Record<string, string>;
  /** Canonical columns computed from others as of the export's date (churned_at from a yes/no, signup_at from a tenure). */
  derive?: Derivations;
  dateFormat?: DateFormat;
  /** The file's encoding (an iconv-lite name); detected when absent. */
  encoding?: string;
  /** The field delimiter (a character, or comma, semicolon, tab, pipe); sniffed from the header when absent. */
  delimiter?: string;
  /** Customers the file names that do not exist are created, signed up at their first row (orders: first order). */
  createCustomers?: boolean;
  /** Import the good rows and write the bad ones to FILE.rejected.csv, instead of rejecting the file. */
  skipInvalid?: boolean;
  batchSize?: number;
  /** Scores free text (-1..1) as it arrives; comments and mentions are stored with their sentiment. */
  sentiment?: (text: string) => number | null;
  onProgress?: (progress: { bytes: number; totalBytes: number; rows: number }) => void;
}

export interface ImportSummary {
  table: TableName;
  file: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Customers created for rows naming unknown ones (createCustomers). */
  customersCreated: number;
  seconds: number;
  /** Where the rejected rows went, with --skip-invalid. */
  rejectedFile: string | null;
  /** How the file was read. */
  format: FileFormat;
}

/** In reject mode, reading stops after this many problems: enough to fix a file, not a flood. */
const MAX_PROBLEMS = 20;

export interface PreparedRow {
  line: number;
  raw: string[];
  values: Record<string, string | number | null>;
}

class RejectedRows {
  private writer: WriteStream | null = null;
  private csv: ReturnType<typeof stringify> | null = null;
  count = 0;

  constructor(
    readonly path: string,
    private readonly header: string[],
  ) {}

  add(raw: string[], reason: string): void {
    if (!this.csv) {
      this.writer = createWriteStream(this.path);
      this.csv = stringify();
      this.csv.pipe(this.writer);
      this.csv.write([...this.header, "reason"]);
    }
    this.csv.write([...raw, reason]);
    this.count++;
  }

  async close(): Promise<void> {
    if (!this.csv || !this.writer) return;
    const done = new Promise<void>((resolve, reject) => {
      this.writer!.on("finish", resolve).on("error", reject);
    });
    this.csv.end();
    await done;
  }
}

function resolveColumns(spec: TableSpec, header: string[], options: ImportOptions, file: string) {
  const normalized = header.map((h) => h.trim().toLowerCase());
  const positions = new Map<string, number>();
  const { derived, problems } = options.derive
    ? derivers(options.derive, header, file)
    : { derived: new Map<string, Deriver>(), problems: [] as RowProblem[] };
  for (const [canonical, source] of Object.entries(options.map ?? {})) {
    if (!spec.columns.some((c) => c.name === canonical)) {
      problems.push({
        file,
        line: 1,
        column: canonical,
        problem: `--map names no column of ${spec.name} (columns: ${spec.columns.map((c) => c.name).join(", ")})`,
      });
    } else if (!normalized.includes(source.trim().toLowerCase())) {
      problems.push({
        file,
        line: 1,
        column: canonical,
        problem: `--map points at "${source}", which is not in the header`,
      });
    }
  }
  for (const column of spec.columns) {
    const source = (options.map?.[column.name] ?? column.name).trim().toLowerCase();
    const index = normalized.indexOf(source);
    if (derived.has(column.name)) continue;
    if (index >= 0) positions.set(column.name, index);
    else if (
      column.required &&
      options.set?.[column.name] === undefined &&
      !(spec.hashedId && column.name === "id")
    ) {
      problems.push({
        file,
        line: 1,
        column: column.name,
        problem:
          "required column is missing from the header (map it with --map or give it with --set)",
      });
    }
  }
  return { positions, derived, problems };
}

const hashId = (values: Record<string, unknown>): string =>
  createHash("sha256").update(JSON.stringify(values)).digest("hex").slice(0, 32);

/** Imports one CSV file into one table. Throws ImportRejectedError (nothing written) for a bad file unless skipInvalid. */
export async function importFile(
  db: Database,
  table: TableName,
  path: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const started = performance.now();
  const spec = tables[table];
  const file = basename(path);
  let totalBytes: number;
  try {
    totalBytes = statSync(path).size;
  } catch (cause) {
    throw new PulseError(
      "import_file_unreadable",
      `Cannot read ${path}: ${(cause as Error).message}`,
      { cause },
    );
  }
  const parseOptions = { dateFormat: options.dateFormat ?? "YYYY-MM-DD" } as const;
  const batchSize = options.batchSize ?? 2000;
  const problems: RowProblem[] = [];
  let moreProblems = false;
  const counts = { rows: 0, inserted: 0, updated: 0, customersCreated: 0 };
  let rejected: RejectedRows | null = null;

  if (options.createCustomers && !spec.customerSince)
    throw new PulseError(
      "config_invalid",
      `--create-customers is for orders (customers signed up at their first order), not ${table}`,
    );
  if (options.derive) {
    validateDerivations(options.derive, [
      ...Object.keys(options.map ?? {}),
      ...Object.keys(options.set ?? {}),
    ]);
    const foreign = derivedColumns(options.derive).filter(
      (c) => !spec.columns.some((column) => column.name === c),
    );
    if (foreign.length > 0)
      throw new PulseError(
        "config_invalid",
        `${table} has no column ${foreign.join(" or ")} to derive`,
      );
  }
  const format = await detectFormat(path, file, options);
  let bytes = 0;
  const fail = (line: number, raw: string[], column: string, problem: string): void => {
    if (rejected) rejected.add(raw, `${column}: ${problem}`);
    else if (problems.length < MAX_PROBLEMS) problems.push({ file, line, column, problem });
    else moreProblems = true;
  };

  await db.transaction(async (tx) => {
    let header: string[] | null = null;
    let positions = new Map<string, number>();
    let derived = new Map<string, Deriver>();
    const seen = new Map<string, number>();
    let batch: PreparedRow[] = [];
    let lastRecordLine = 0;
    let firstRecord: string[] | null = null;

    const created = new Set<string>();
    const flush = async () => {
      if (options.createCustomers && problems.length === 0)
        counts.customersCreated += await createCustomers(tx, spec, options, batch, created);
      const good = await dropUnknownCustomers(tx, spec, options.workspaceId, batch, fail);
      batch = [];
      if (problems.length > 0 || good.length === 0) return;
      const result = await upsertBatch(
        tx,
        spec,
        [...positions.keys(), ...derived.keys(), ...Object.keys(options.set ?? {})],
        good,
        options,
      );
      counts.inserted += result.inserted;
      counts.updated += result.updated;
    };

    // Opened only now, inside the transaction, and read at once: a parser error before
    // anyone listened would be an uncaught exception that ends the whole process.
    const input = createReadStream(path);
    input.on("data", (chunk) => {
      bytes += chunk.length;
    });
    const parser = parse({
      bom: true,
      info: true,
      delimiter: format.delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      // Seen here, as the parser makes them: a syntax error can come before the loop has read any.
      // With `info` the parser hands on_record { record, info }, which its types do not say.
      on_record: (entry, context) => {
        firstRecord ??= (entry as unknown as { record: string[] }).record;
        lastRecordLine = context.lines;
        return entry;
      },
    });
    const decode = format.encoding === "utf-8" ? [] : [iconv.decodeStream(format.encoding)];
    // Errors of any stage end up in the parser, where the loop below reads them.
    pipeline([input, ...decode, parser], () => {});
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: string[];
        info: { lines: number };
      }>) {
        if (!header) {
          header = record;
          const resolved = resolveColumns(spec, header, options, file);
          if (resolved.problems.length > 0)
            throw new ImportRejectedError(file, resolved.problems, false);
          positions = resolved.positions;
          derived = resolved.derived;
          if (options.skipInvalid) rejected = new RejectedRows(`${path}.rejected.csv`, header);
          continue;
        }
        counts.rows++;
        const line = info.lines;
        const row = prepareRow(
          spec,
          record,
          header.length,
          positions,
          derived,
          options,
          parseOptions,
        );
        if (!row.ok) {
          fail(line, record, row.column, row.problem);
        } else {
          const key = spec.key.map((k) => row.values[k]).join("\u0000");
          const first = seen.get(key);
          if (first !== undefined) {
            // Identical rows of a keyless table are one event seen twice; a repeated id is a conflict.
            if (!spec.hashedId || row.explicitId)
              fail(line, record, spec.key.join("+"), `duplicate of line ${first}`);
          } else {
            seen.set(key, line);
            batch.push({ line, raw: record, values: row.values });
          }
        }
        if (!rejected && moreProblems) break;
        if (batch.length >= batchSize) {
          await flush();
          options.onProgress?.({ bytes, totalBytes, rows: counts.rows });
        }
      }
      if (!header)
        throw new ImportRejectedError(
          file,
          [{ file, line: 1, column: "header", problem: "the file is empty" }],
          false,
        );
      await flush();
    } catch (error) {
      throw csvSyntaxError(error, file, firstRecord, lastRecordLine) ?? error;
    } finally {
      input.destroy();
      await rejected?.close();
    }
    options.onProgress?.({ bytes: totalBytes, totalBytes, rows: counts.rows });
    if (problems.length > 0) throw new ImportRejectedError(file, problems, moreProblems);
  });

  const rejectedCount = rejected ? (rejected as RejectedRows).count : 0;
  return {
    table,
    file: path,
    rows: counts.rows,
    inserted: counts.inserted,
    updated: counts.updated,
    unchanged: counts.rows - counts.inserted - counts.updated - rejectedCount,
    rejected: rejectedCount,
    customersCreated: counts.customersCreated,
    seconds: (performance.now() - started) / 1000,
    rejectedFile: rejectedCount > 0 ? `${path}.rejected.csv` : null,
    format,
  };
}

type Prepared =
  | { ok: true; values: Record<string, string | number | null>; explicitId: boolean }
  | { ok: false; column: string; problem: string };

function prepareRow(
  spec: TableSpec,
  record: string[],
  headerLength: number,
  positions: Map<string, number>,
  derived: Map<string, Deriver>,
  options: ImportOptions,
  parseOptions: { dateFormat: DateFormat },
): Prepared {
  if (record.length !== headerLength) {
    return {
      ok: false,
      column: "row",
      problem: `has ${record.length} fields, the header has ${headerLength}`,
    };
  }
  const values: Record<string, string | number | null> = {};
  for (const column of spec.columns) {
    const derive = derived.get(column.name);
    if (derive) {
      const { source, parsed } = derive(record);
      if (!parsed.ok) return { ok: false, column: source, problem: parsed.problem };
      values[column.name] = parsed.value;
      continue;
    }
    const index = positions.get(column.name);
    const cell = (index === undefined ? options.set?.[column.name] : record[index])?.trim() ?? "";
    if (cell === "") {
      if (column.required && !(spec.hashedId && column.name === "id"))
        return { ok: false, column: column.name, problem: "is empty" };
      if (index !== undefined || options.set?.[column.name] !== undefined)
        values[column.name] = column.empty ?? null;
      continue;
    }
    const parsed = column.parse(cell, parseOptions);
    if (!parsed.ok) return { ok: false, column: column.name, problem: parsed.problem };
    values[column.name] = parsed.value;
  }
  const crossCheck = spec.check?.(values as Record<string, string | null>);
  if (crossCheck) return { ok: false, column: crossCheck[0], problem: crossCheck[1] };
  const explicitId = typeof values.id === "string";
  if (spec.hashedId && !explicitId) values.id = hashId(values);
  return { ok: true, values, explicitId };
}

/**
 * Creates the customers a batch names that do not exist, signed up at their
 * earliest row; a customer this import created earlier moves back to an
 * earlier row of a later batch (files need not be sorted). Customers that
 * existed before the import are left alone. Returns how many were created.
 */
async function createCustomers(
  tx: Queryable,
  spec: TableSpec,
  options: ImportOptions,
  batch: PreparedRow[],
  created: Set<string>,
): Promise<number> {
  const column = spec.customerColumn!;
  const since = spec.customerSince!;
  const ids = [
    ...new Set(
      batch.map((r) => r.values[column]).filter((id): id is string => typeof id === "string"),
    ),
  ];
  if (ids.length === 0) return 0;
  const found = await tx.rows<{ id: string }>(
    sql`select c.id from customers c join json_array_elements_text(${JSON.stringify(ids)}::json) as i(id) on c.id = i.id where c.workspace_id = ${options.workspaceId}`,
  );
  const existing = new Set(found.map((r) => r.id).filter((id) => !created.has(id)));
  const rows = batch
    .filter((r) => typeof r.values[column] === "string" && !existing.has(r.values[column]))
    .map((r) => ({ id: r.values[column], at: r.values[since] }));
  if (rows.length === 0) return 0;
  const [result] = await tx.rows<{ created: number }>(sql`
    with up as (
      insert into customers (workspace_id, id, signup_at)
      select ${options.workspaceId}, u.id, min(${castValue("at", "instant", options.timezone)})
      from json_to_recordset(${JSON.stringify(rows)}::json) as u(id text, at text)
      group by u.id
      on conflict (workspace_id, id) do update set signup_at = excluded.signup_at
        where excluded.signup_at < customers.signup_at
      returning id, (xmax = 0) as inserted
    )
    select (count(*) filter (where inserted))::int as created from up`);
  for (const row of rows) created.add(row.id as string);
  return Number(result?.created ?? 0);
}

/** Rows naming a customer that does not exist are problems; returns the rest. */
async function dropUnknownCustomers(
  tx: Queryable,
  spec: TableSpec,
  workspaceId: string,
  batch: PreparedRow[],
  fail: (line: number, raw: string[], column: string, problem: string) => void,
): Promise<PreparedRow[]> {
  const column = spec.customerColumn;
  if (!column || batch.length === 0) return batch;
  const ids = [
    ...new Set(
      batch.map((r) => r.values[column]).filter((id): id is string => typeof id === "string"),
    ),
  ];
  if (ids.length === 0) return batch;
  const found = await tx.rows<{ id: string }>(
    sql`select c.id from customers c join json_array_elements_text(${JSON.stringify(ids)}::json) as i(id) on c.id = i.id where c.workspace_id = ${workspaceId}`,
  );
  const known = new Set(found.map((r) => r.id));
  return batch.filter((row) => {
    const id = row.values[column];
    if (typeof id !== "string" || known.has(id)) return true;
    fail(row.line, row.raw, column, `unknown customer "${id}" (import customers first)`);
    return false;
  });
}
