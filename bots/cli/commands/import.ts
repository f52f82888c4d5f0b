import { basename } from "node:path";
import type { Command } from "commander";
import { PulseError } from "../../../src/errors.js";
import type { DecimalMark } from "../../../src/import/conventions.js";
import { type Derivations, validateDerivations } from "../../../src/import/derive.js";
import { delimiterOf, encodingOf, readableName } from "../../../src/import/file-format.js";
import { importDirectory } from "../../../src/import/import-directory.js";
import {
  type ImportOptions,
  type ImportSummary,
  importFile,
} from "../../../src/import/import-file.js";
import type { Condition } from "../../../src/import/reading.js";
import { isTableName, tableNames } from "../../../src/import/tables.js";
import { parseValueMaps } from "../../../src/import/value-maps.js";
import { type DateFormat, dateFormats } from "../../../src/import/values.js";
import { importWarnings } from "../../../src/import/warnings.js";
import { scoreSentiment } from "../../../src/sentiment/score.js";
import { getWorkspace, isTimeZone } from "../../../src/workspace/workspace.js";
import type { CliContext } from "../context.js";
import { printLine, progressBar } from "../output.js";

interface ImportCliOptions {
  dir?: string;
  map?: string;
  mapValues: string[];
  where: string[];
  timezone?: string;
  decimal?: string;
  set?: string;
  dateFormat?: string;
  encoding?: string;
  delimiter?: string;
  asOf?: string;
  churnedWhen?: string;
  tenureMonths?: string;
  createCustomers?: boolean;
  skipInvalid?: boolean;
}

/** --as-of, --churned-when and --tenure-months as derivations; ConfigError when one needs another. */
function derivations(options: ImportCliOptions): Derivations | undefined {
  if (!options.churnedWhen && !options.tenureMonths) {
    if (options.asOf)
      throw new PulseError("config_invalid", "--as-of goes with --churned-when or --tenure-months");
    return undefined;
  }
  if (!options.asOf)
    throw new PulseError(
      "config_invalid",
      "--churned-when and --tenure-months count from the export's date: give it with --as-of YYYY-MM-DD",
    );
  const churned = options.churnedWhen ? pairs(options.churnedWhen, "--churned-when") : {};
  const [column, value] = Object.entries(churned)[0] ?? [];
  return {
    asOf: options.asOf,
    ...(column !== undefined && value !== undefined ? { churnedWhen: { column, value } } : {}),
    ...(options.tenureMonths ? { tenureMonths: options.tenureMonths } : {}),
  };
}

/** "a=b,c=d" -> { a: "b", c: "d" }; the value may itself contain "=". */
function pairs(text: string | undefined, option: string): Record<string, string> {
  if (!text) return {};
  const out: Record<string, string> = {};
  for (const part of text.split(",")) {
    const at = part.indexOf("=");
    if (at <= 0)
      throw new PulseError(
        "config_invalid",
        `${option} takes canonical=value pairs separated by commas, got "${part}"`,
      );
    out[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return out;
}

/** "Status=Paid", "Status!=Failed" as a --where condition. */
function condition(text: string): Condition {
  const match = /^([^=!]+?)\s*(!?=)\s*(.*)$/.exec(text);
  if (!match)
    throw new PulseError(
      "config_invalid",
      `--where takes COLUMN=VALUE or COLUMN!=VALUE, e.g. --where "Status=Paid"; got "${text}"`,
    );
  return { column: match[1]!.trim(), equals: match[2] === "=", value: match[3]! };
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const delimiterNames: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab" };

/** How the file was read, when that is not the plain default: a guess the user may need to correct. */
function formatNote(s: ImportSummary): string {
  const notes: string[] = [];
  const { encoding, encodingSource, delimiter } = s.format;
  if (encodingSource === "content" && encoding !== "utf-8")
    notes.push(
      `read as ${readableName(encoding)} because it is not valid UTF-8 (--encoding to choose)`,
    );
  if (encodingSource === "bom" && encoding !== "utf-8")
    notes.push(`read as ${readableName(encoding)}`);
  if (delimiter !== ",") notes.push(`${delimiterNames[delimiter] ?? `"${delimiter}"`}-separated`);
  return notes.length > 0 ? ` [${notes.join("; ")}]` : "";
}

const summaryLine = (s: ImportSummary): string =>
  `${s.table}: ${s.rows} rows in ${s.seconds.toFixed(2)} s — ${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected} rejected` +
  (s.rejectedFile ? ` (see ${s.rejectedFile})` : "") +
  (s.customersCreated > 0 ? `; ${s.customersCreated} customers created` : "") +
  formatNote(s);

/** What the file was recognised as and how it was read, before the numbers. */
function readingLines(s: ImportSummary): string[] {
  const lines: string[] = [];
  if (s.recognised) lines.push(`${basename(s.file)}: a ${s.recognised}, imported into ${s.table}`);
  for (const note of s.notes) lines.push(`  - ${note}`);
  for (const [reason, n] of Object.entries(s.skipped)) lines.push(`  - skipped: ${n} ${reason}`);
  return lines;
}

/** With --skip-invalid, a file whose every row was rejected is a failure, not a success with nothing in it. */
function refuseNothingImported(s: ImportSummary): void {
  if (s.rejected > 0 && s.inserted + s.updated + s.unchanged === 0)
    throw new PulseError(
      "import_rejected",
      `${basename(s.file)}: nothing was imported, every one of its ${s.rejected} row(s) was rejected (the reasons are in ${s.rejectedFile})`,
    );
}

export function registerImportCommand(program: Command, cli: CliContext): void {
  program
    .command("import")
    .description("import CSV files: a folder of canonical files, or one file into one table")
    .argument(
      "[table]",
      `one of ${tableNames.join(", ")}; without it, FILE is a Stripe, Shopify or HubSpot export recognised from its header`,
    )
    .argument("[file]", "the CSV file")
    .option(
      "--dir <folder>",
      "import every canonical file in the folder (customers.csv, orders.csv, ...)",
    )
    .option("--map <pairs>", "canonical=source column names, e.g. id=InvoiceNo,amount=TotalPrice")
    .option("--set <pairs>", "canonical=value for a column the file lacks, e.g. stage=lead")
    .option(
      "--map-values <column=pairs>",
      "the file's values of a column as Pulse's, e.g. stage=\"Closed Won=won,Closed Lost=lost\" (repeatable; remembered)",
      collect,
      [],
    )
    .option(
      "--where <condition>",
      'import only the rows where a column of the file has a value, e.g. "Status=Paid" or "Status!=Failed" (repeatable)',
      collect,
      [],
    )
    .option(
      "--timezone <zone>",
      "the zone of the file's times without an offset, e.g. UTC (default: the workspace's; a column named \"... (UTC)\" is UTC)",
    )
    .option(
      "--date-format <format>",
      `how dates are written: ${dateFormats.join(", ")} (default: ISO, or day and month in the order the file shows)`,
    )
    .option(
      "--decimal <mark>",
      'the decimal mark of the file\'s numbers, "." or "," (default: sniffed, e.g. 1.234,56)',
    )
    .option(
      "--encoding <name>",
      "the file's encoding, e.g. utf-8, utf-16le, windows-1252, cp1251 (default: detected)",
    )
    .option(
      "--delimiter <char>",
      "the field delimiter: a character, or comma, semicolon, tab, pipe (default: sniffed from the header)",
    )
    .option(
      "--as-of <date>",
      "the day the file was exported (YYYY-MM-DD), for the two options below",
    )
    .option(
      "--churned-when <column=value>",
      "customers: churned_at = the --as-of date on rows where the column has this value, e.g. Churn=Yes",
    )
    .option(
      "--tenure-months <column>",
      "customers: signup_at = the --as-of date minus this column's whole months, e.g. tenure",
    )
    .option(
      "--create-customers",
      "orders: create the customers the file names that do not exist, signed up at their first order",
    )
    .option(
      "--skip-invalid",
      "import the good rows and write the rejected ones to FILE.rejected.csv",
    )
    .action(
      async (table: string | undefined, file: string | undefined, options: ImportCliOptions) => {
        // One argument that is no table is an export to recognise: pulse import stripe.csv.
        if (table && !file && !isTableName(table)) {
          file = table;
          table = undefined;
        }
        if (!options.dir && !file) {
          throw new PulseError(
            "config_invalid",
            "give --dir FOLDER, a TABLE and a FILE (pulse import orders orders.csv), or an export to recognise (pulse import payments.csv)",
          );
        }
        if (table && !isTableName(table)) {
          throw new PulseError(
            "config_invalid",
            `unknown table "${table}": use one of ${tableNames.join(", ")}`,
          );
        }
        const target = table && isTableName(table) ? table : null;
        if (options.dateFormat && !dateFormats.includes(options.dateFormat as DateFormat)) {
          throw new PulseError(
            "config_invalid",
            `unknown --date-format "${options.dateFormat}": use one of ${dateFormats.join(", ")}`,
          );
        }
        if (options.decimal && options.decimal !== "." && options.decimal !== ",")
          throw new PulseError(
            "config_invalid",
            `--decimal takes "." or ",", got "${options.decimal}"`,
          );
        if (options.timezone && !isTimeZone(options.timezone))
          throw new PulseError(
            "config_invalid",
            `--timezone "${options.timezone}" is not an IANA time zone (for example UTC or Europe/Helsinki)`,
          );
        const where = options.where.map(condition);
        const valueMaps = parseValueMaps(options.mapValues);
        // Checked before the database opens, so a typo costs nothing.
        if (options.encoding) encodingOf(options.encoding);
        if (options.delimiter) delimiterOf(options.delimiter);
        const derive = derivations(options);
        if (derive && options.dir)
          throw new PulseError(
            "config_invalid",
            "--as-of, --churned-when and --tenure-months apply to one file: pulse import customers FILE ...",
          );
        const map = pairs(options.map, "--map");
        const set = pairs(options.set, "--set");
        if (derive) validateDerivations(derive, [...Object.keys(map), ...Object.keys(set)]);
        const pulse = await cli.open({ charts: false });
        try {
          const workspace = await getWorkspace(pulse.db, pulse.workspaceId);
          const bar = progressBar("importing");
          const base: ImportOptions = {
            workspaceId: workspace.id,
            timezone: options.timezone ?? workspace.timezone,
            currency: workspace.currency,
            ...(options.dateFormat ? { dateFormat: options.dateFormat as DateFormat } : {}),
            ...(options.decimal ? { decimal: options.decimal as DecimalMark } : {}),
            ...(where.length > 0 ? { where } : {}),
            valueMaps,
            ...(options.encoding ? { encoding: options.encoding } : {}),
            ...(options.delimiter ? { delimiter: options.delimiter } : {}),
            skipInvalid: options.skipInvalid ?? false,
            createCustomers: options.createCustomers ?? false,
            sentiment: scoreSentiment,
            onProgress: (p) =>
              bar.update(p.bytes, p.totalBytes, `${p.rows.toLocaleString("en-US")} rows`),
          };
          try {
            if (options.dir) {
              await importDirectory(pulse.db, options.dir, base, (s) => {
                bar.end();
                printLine(summaryLine(s));
                refuseNothingImported(s);
              });
            } else {
              const summary = await importFile(pulse.db, target, file!, {
                ...base,
                map,
                set,
                ...(derive ? { derive } : {}),
              });
              bar.end();
              for (const line of readingLines(summary)) printLine(line);
              printLine(summaryLine(summary));
              refuseNothingImported(summary);
            }
          } finally {
            bar.end();
          }
          for (const warning of await importWarnings(pulse.db, workspace.id))
            process.stderr.write(`warning: ${warning}\n`);
        } finally {
          await pulse.close();
        }
      },
    );
}
