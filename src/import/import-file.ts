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
import { ConventionsDecided, type DecimalMark, FileConventions } from "./conventions.js";
import { csvSyntaxError } from "./csv-problems.js";
import { type Derivations, derivedColumns, validateDerivations } from "./derive.js";
import { ImportRejectedError, type RowProblem } from "./errors.js";
import { detectFormat, type FileFormat } from "./file-format.js";
import { mappedReading } from "./mapped-reading.js";
import {
  type Cells,
  type Condition,
  conditionText,
  Header,
  type Located,
  type Reading,
  whereFilter,
} from "./reading.js";
import { customerDetails, type TableName, type TableSpec, tables } from "./tables.js";
import { castValue, upsertBatch } from "./upsert.js";
import { rememberValueMaps, UnplacedValues, type ValueMaps, valueMapsFor } from "./value-maps.js";
import type { DateFormat } from "./values.js";
import { recogniseExport } from "./vendors/recognise.js";

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
  /** How dates are written; sniffed from the file when absent (ISO, or day and month in the order the file shows). */
  dateFormat?: DateFormat;
  /** The decimal mark of the file's numbers; sniffed when absent. */
  decimal?: DecimalMark;
  /** Rows kept (--where Status=Paid, Status!=Failed); the others are skipped and counted. */
  where?: Condition[];
  /** canonical column -> the file's value (any case) -> the canonical value (--map-values stage="Closed Won=won"). */
  valueMaps?: ValueMaps;
  /** The workspace's currency: a row in another one is a problem, never mixed in. */
  currency?: string;
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
  /** What the file was recognised as ("Stripe payments export"), or null. */
  recognised: string | null;
  /** How it was read, one phrase each ("Created (UTC) is UTC", "decimal comma (sniffed)"). */
  notes: string[];
  /** Rows that bring no row by the file's meaning or --where, by reason. */
  skipped: Record<string, number>;
}

/** In reject mode, reading stops after this many problems: enough to fix a file, not a flood. */
const MAX_PROBLEMS = 20;

export interface PreparedRow {
  line: number;
  raw: string[];
  values: Record<string, string | number | null>;
  /** What the row says of its customer (customer.email, ...), for the customers it creates. */
  customer?: Record<string, string | null>;
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

const hashId = (values: Record<string, unknown>): string =>
  createHash("sha256").update(JSON.stringify(values)).digest("hex").slice(0, 32);

/** How the file is read into rows: the table (given, or recognised from the header) and its reading. */
type ReadingOf = (
  header: Header,
  file: string,
) => { table: TableName; reading: Reading } | { problems: RowProblem[] };

/**
 * Imports one CSV file into one table, or, with table null, a vendor's export
 * recognised from its header (src/import/vendors). Throws ImportRejectedError
 * (nothing written) for a bad file unless skipInvalid.
 */
export async function importFile(
  db: Database,
  table: TableName | null,
  path: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const started = performance.now();
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
  if (table && options.createCustomers && !tables[table].customerSince)
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
      (c) => !table || !tables[table].columns.some((column) => column.name === c),
    );
    if (foreign.length > 0)
      throw new PulseError(
        "config_invalid",
        `${table ?? "a recognised export"} has no column ${foreign.join(" or ")} to derive`,
      );
  }
  const readingOf: ReadingOf = table
    ? (header, file) => {
        const opened = mappedReading(tables[table], header, options, file);
        return "problems" in opened ? opened : { table, reading: opened.reading };
      }
    : (header, file) => recogniseExport(header, file);
  const format = await detectFormat(path, file, options);
  let conventions = new FileConventions(
    options.decimal ?? null,
    null,
    format.delimiter === ";" ? "," : ".",
  );
  // A guess on an ambiguous number or date that the file later decides against: once more, decided.
  for (let attempt = 0; ; attempt++) {
    try {
      const summary = await importOnce(
        db,
        path,
        file,
        totalBytes,
        format,
        conventions,
        readingOf,
        options,
      );
      return { ...summary, seconds: (performance.now() - started) / 1000 };
    } catch (error) {
      if (!(error instanceof ConventionsDecided) || attempt > 0) throw error;
      conventions = new FileConventions(
        error.decided.decimal,
        error.decided.dateOrder,
        conventions.provisionalDecimal,
      );
    }
  }
}

async function importOnce(
  db: Database,
  path: string,
  file: string,
  totalBytes: number,
  format: FileFormat,
  conventions: FileConventions,
  readingOf: ReadingOf,
  options: ImportOptions,
): Promise<Omit<ImportSummary, "seconds">> {
  const batchSize = options.batchSize ?? 2000;
  const problems: RowProblem[] = [];
  let moreProblems = false;
  const counts = { rows: 0, inserted: 0, updated: 0, customersCreated: 0, written: 0 };
  const skipped: Record<string, number> = {};
  const skip = (reason: string) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  let rejected: RejectedRows | null = null;
  let spec: TableSpec | null = null;
  let reading: Reading | null = null;
  let bytes = 0;
  const unplaced = new UnplacedValues();
  const fail = (line: number, raw: string[], column: string, problem: string): void => {
    if (rejected) rejected.add(raw, `${column}: ${problem}`);
    else if (problems.length < MAX_PROBLEMS) problems.push({ file, line, column, problem });
    else moreProblems = true;
  };

  await db.transaction(async (tx) => {
    let header: Header | null = null;
    let keep: (record: string[]) => boolean = () => true;
    const seen = new Map<string, number>();
    let batch: PreparedRow[] = [];
    let lastRecordLine = 0;
    let firstRecord: string[] | null = null;
    let valueMaps: ValueMaps = {};
    let createsCustomers = false;

    const created = new Set<string>();
    const flush = async () => {
      if (!spec || !reading) return;
      if (reading.enrichesOnly)
        batch = await keepExisting(tx, options.workspaceId, batch, reading.enrichesOnly, skip);
      if (createsCustomers && problems.length === 0)
        counts.customersCreated += await createCustomers(tx, spec, options, batch, created);
      const good = await dropUnknownCustomers(tx, spec, options.workspaceId, batch, fail);
      counts.written += good.length;
      batch = [];
      if (problems.length > 0 || good.length === 0) return;
      // A customer an export only adds to keeps the sign-up keepExisting gave back.
      const columns = reading.enrichesOnly ? [...reading.columns, "signup_at"] : reading.columns;
      const result = await upsertBatch(tx, spec, columns, good, options);
      counts.inserted += result.inserted;
      counts.updated += result.updated;
    };

    const take = (located: Located) => {
      const { line, raw } = located;
      if ("skip" in located) return skip(located.skip);
      if ("problem" in located)
        return fail(line, raw, located.problem.column, located.problem.problem);
      const row = prepareRow(
        spec!,
        reading!,
        located.cells,
        options,
        conventions,
        valueMaps,
        unplaced,
        line,
      );
      if (!row.ok) return fail(line, raw, row.column, row.problem);
      const key = spec!.key.map((k) => row.values[k]).join("\u0000");
      const first = seen.get(key);
      if (first !== undefined) {
        // Identical rows of a keyless table are one event seen twice; a repeated id is a conflict.
        if (!spec!.hashedId || row.explicitId)
          fail(
            line,
            raw,
            spec!.key.join("+"),
            `duplicate of line ${first}: an id names one row, keep one of the two`,
          );
        return;
      }
      seen.set(key, line);
      batch.push({ line, raw, values: row.values, customer: row.customer });
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
          header = new Header(record);
          const where = whereFilter(options.where ?? [], header, file);
          const opened = readingOf(header, file);
          const headerProblems = [
            ...where.problems,
            ...("problems" in opened ? opened.problems : []),
          ];
          if (headerProblems.length > 0 || "problems" in opened)
            throw new ImportRejectedError(file, headerProblems, false);
          keep = where.keep;
          spec = tables[opened.table];
          reading = opened.reading;
          createsCustomers =
            (options.createCustomers ?? false) || (reading.createsCustomers ?? false);
          if (createsCustomers && !spec.customerSince)
            throw new PulseError(
              "config_invalid",
              `--create-customers is for orders (customers signed up at their first order), not ${spec.name}`,
            );
          valueMaps = await valueMapsFor(tx, options.workspaceId, spec, options.valueMaps);
          reading.useValueMaps?.(valueMaps);
          if (options.skipInvalid) rejected = new RejectedRows(`${path}.rejected.csv`, record);
          continue;
        }
        counts.rows++;
        const line = info.lines;
        conventions.line = line;
        if (record.length !== header.names.length) {
          fail(
            line,
            record,
            "row",
            `has ${record.length} fields, the header has ${header.names.length}: a delimiter missing or too many, or a field with a "${format.delimiter === "\t" ? "tab" : format.delimiter}" in it that is not quoted`,
          );
        } else if (!keep(record)) {
          skip(`left out by --where ${(options.where ?? []).map(conditionText).join(" ")}`);
        } else {
          for (const located of reading!.row(record, line)) take(located);
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
      for (const located of reading!.end()) take(located);
      const unanswered = conventions.unansweredDates();
      if (unanswered)
        throw new ImportRejectedError(
          file,
          [
            {
              file,
              line: unanswered.line,
              column: "dates",
              problem: `"${unanswered.cell}" and every other date of the file read as well day-first as month-first: say which with --date-format DD/MM/YYYY or --date-format MM/DD/YYYY`,
            },
          ],
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
    if (problems.length > 0 || unplaced.size > 0)
      throw new ImportRejectedError(
        file,
        [...unplaced.problems(file, spec!, options.valueMaps), ...problems],
        moreProblems,
      );
    await rememberValueMaps(tx, options.workspaceId, spec!, options.valueMaps);
  });

  const rejectedCount = rejected ? (rejected as RejectedRows).count : 0;
  const read = reading as Reading | null;
  return {
    table: (spec as TableSpec | null)!.name,
    file: path,
    rows: counts.rows,
    inserted: counts.inserted,
    updated: counts.updated,
    unchanged: counts.written - counts.inserted - counts.updated,
    rejected: rejectedCount,
    customersCreated: counts.customersCreated,
    rejectedFile: rejectedCount > 0 ? `${path}.rejected.csv` : null,
    format,
    recognised: read?.recognised ?? null,
    notes: [...(read?.notes ?? []), ...conventions.notes()],
    skipped,
  };
}

type Prepared =
  | {
      ok: true;
      values: Record<string, string | number | null>;
      customer: Record<string, string | null>;
      explicitId: boolean;
    }
  | { ok: false; column: string; problem: string };

/** The file's column a canonical one came from, as problems name it: "Created (UTC) (ordered_at)". */
const named = (reading: Reading, column: string): string => {
  const source = reading.sources[column];
  return source && source.toLowerCase() !== column ? `${source} (${column})` : column;
};

function prepareRow(
  spec: TableSpec,
  reading: Reading,
  cells: Cells,
  options: ImportOptions,
  conventions: FileConventions,
  valueMaps: ValueMaps,
  unplaced: UnplacedValues,
  line: number,
): Prepared {
  const currency = cells.currency?.trim();
  if (currency && options.currency && currency.toUpperCase() !== options.currency.toUpperCase())
    return {
      ok: false,
      column: reading.sources.currency ?? "currency",
      problem: `${currency.toUpperCase()}: the workspace counts in ${options.currency.toUpperCase()} and amounts are never converted or mixed (import the file into a workspace in ${currency.toUpperCase()}, or set this one's currency first: pulse workspace set --currency ${currency.toUpperCase()})`,
    };
  const parseOptions = (column: string) => ({
    dateFormat: options.dateFormat ?? ("auto" as const),
    conventions,
    utc: reading.utc.has(column),
    ...(options.currency ? { currency: options.currency } : {}),
  });
  const values: Record<string, string | number | null> = {};
  for (const column of spec.columns) {
    const given = cells[column.name];
    if (given === undefined) continue;
    const raw = given.trim();
    const cell = valueMaps[column.name]?.[raw.toLowerCase()] ?? raw;
    if (cell === "") {
      if (column.required && !(spec.hashedId && column.name === "id"))
        return {
          ok: false,
          column: named(reading, column.name),
          problem: "is empty: fill it in, or leave the row out with --skip-invalid",
        };
      values[column.name] = column.empty ?? null;
      continue;
    }
    const parsed = column.parse(cell, parseOptions(column.name));
    if (!parsed.ok) {
      if (column.choices) unplaced.add(column.name, reading.sources[column.name], cell, line);
      return { ok: false, column: named(reading, column.name), problem: parsed.problem };
    }
    values[column.name] = parsed.value;
  }
  const customer: Record<string, string | null> = {};
  for (const column of customerDetails) {
    const cell = cells[`customer.${column.name}`]?.trim();
    if (!cell) continue;
    const parsed = column.parse(cell, parseOptions(column.name));
    if (!parsed.ok)
      return {
        ok: false,
        column: reading.sources[`customer.${column.name}`] ?? column.name,
        problem: parsed.problem,
      };
    customer[column.name] = parsed.value;
  }
  const crossCheck = spec.check?.(values as Record<string, string | null>);
  if (crossCheck)
    return { ok: false, column: named(reading, crossCheck[0]), problem: crossCheck[1] };
  const explicitId = typeof values.id === "string";
  if (spec.hashedId && !explicitId) values.id = hashId(values);
  return { ok: true, values, customer, explicitId };
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
  const found = await existingCustomers(tx, options.workspaceId, ids);
  const existing = new Set([...found].filter((id) => !created.has(id)));
  const rows = batch
    .filter((r) => typeof r.values[column] === "string" && !existing.has(r.values[column]))
    .map((r) => ({ ...r.customer, id: r.values[column], at: r.values[since] }));
  if (rows.length === 0) return 0;
  // What rows say of their customer (an export's e-mail, name, country) fills what the customer lacks.
  const details = customerDetails.map((c) => sql.identifier(c.name));
  const [result] = await tx.rows<{ created: number }>(sql`
    with up as (
      insert into customers (workspace_id, id, signup_at, ${sql.join(details, sql`, `)})
      select ${options.workspaceId}, u.id, min(${castValue("at", "instant", options.timezone)}),
        ${sql.join(
          details.map((d) => sql`max(u.${d})`),
          sql`, `,
        )}
      from json_to_recordset(${JSON.stringify(rows)}::json) as u(id text, at text, ${sql.join(
        details.map((d) => sql`${d} text`),
        sql`, `,
      )})
      group by u.id
      on conflict (workspace_id, id) do update set signup_at = least(customers.signup_at, excluded.signup_at),
        ${sql.join(
          details.map((d) => sql`${d} = coalesce(customers.${d}, excluded.${d})`),
          sql`, `,
        )}
      returning id, (xmax = 0) as inserted
    )
    select (count(*) filter (where inserted))::int as created from up`);
  for (const row of rows) created.add(row.id as string);
  return Number(result?.created ?? 0);
}

/** Which of these customer ids exist in the workspace. */
async function existingCustomers(
  tx: Queryable,
  workspaceId: string,
  ids: string[],
): Promise<Set<string>> {
  const found = await tx.rows<{ id: string }>(
    sql`select c.id from customers c join json_array_elements_text(${JSON.stringify(ids)}::json) as i(id) on c.id = i.id where c.workspace_id = ${workspaceId}`,
  );
  return new Set(found.map((r) => r.id));
}

/**
 * Rows of customers that exist, each given the sign-up it has (the export
 * has none to write); the others are skipped for `reason`.
 */
async function keepExisting(
  tx: Queryable,
  workspaceId: string,
  batch: PreparedRow[],
  reason: string,
  skip: (reason: string) => void,
): Promise<PreparedRow[]> {
  const ids = batch.map((r) => String(r.values.id));
  if (ids.length === 0) return batch;
  const found = await tx.rows<{ id: string; signup_at: string }>(
    sql`select c.id, c.signup_at::text as signup_at from customers c
      join json_array_elements_text(${JSON.stringify(ids)}::json) as i(id) on c.id = i.id
      where c.workspace_id = ${workspaceId}`,
  );
  const signups = new Map(found.map((r) => [r.id, r.signup_at]));
  return batch.filter((row) => {
    const signup = signups.get(String(row.values.id));
    if (signup === undefined) skip(reason);
    else row.values.signup_at = signup;
    return signup !== undefined;
  });
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
  const known = await existingCustomers(tx, workspaceId, ids);
  return batch.filter((row) => {
    const id = row.values[column];
    if (typeof id !== "string" || known.has(id)) return true;
    fail(row.line, row.raw, column, `unknown customer "${id}" (import customers first)`);
    return false;
  });
}
