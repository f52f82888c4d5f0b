import type { Command } from "commander";
import { PulseError } from "../../../src/errors.js";
import { delimiterOf, encodingOf, readableName } from "../../../src/import/file-format.js";
import { importDirectory } from "../../../src/import/import-directory.js";
import {
  type ImportOptions,
  type ImportSummary,
  importFile,
} from "../../../src/import/import-file.js";
import { isTableName, tableNames } from "../../../src/import/tables.js";
import { type DateFormat, dateFormats } from "../../../src/import/values.js";
import { scoreSentiment } from "../../../src/sentiment/score.js";
import { getWorkspace } from "../../../src/workspace/workspace.js";
import type { CliContext } from "../context.js";
import { printLine, progressBar } from "../output.js";

interface ImportCliOptions {
  dir?: string;
  map?: string;
  set?: string;
  dateFormat?: string;
  encoding?: string;
  delimiter?: string;
  skipInvalid?: boolean;
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
  formatNote(s);

export function registerImportCommand(program: Command, cli: CliContext): void {
  program
    .command("import")
    .description("import CSV files: a folder of canonical files, or one file into one table")
    .argument("[table]", `one of ${tableNames.join(", ")}`)
    .argument("[file]", "the CSV file")
    .option(
      "--dir <folder>",
      "import every canonical file in the folder (customers.csv, orders.csv, ...)",
    )
    .option("--map <pairs>", "canonical=source column names, e.g. id=InvoiceNo,amount=TotalPrice")
    .option("--set <pairs>", "canonical=value for a column the file lacks, e.g. stage=lead")
    .option(
      "--date-format <format>",
      `how dates are written: ${dateFormats.join(", ")}`,
      "YYYY-MM-DD",
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
      "--skip-invalid",
      "import the good rows and write the rejected ones to FILE.rejected.csv",
    )
    .action(
      async (table: string | undefined, file: string | undefined, options: ImportCliOptions) => {
        if (!options.dir && !(table && file)) {
          throw new PulseError(
            "config_invalid",
            "give --dir FOLDER, or a TABLE and a FILE (pulse import orders orders.csv)",
          );
        }
        if (table && !isTableName(table)) {
          throw new PulseError(
            "config_invalid",
            `unknown table "${table}": use one of ${tableNames.join(", ")}`,
          );
        }
        const target = table && isTableName(table) ? table : null;
        if (!dateFormats.includes(options.dateFormat as DateFormat)) {
          throw new PulseError(
            "config_invalid",
            `unknown --date-format "${options.dateFormat}": use one of ${dateFormats.join(", ")}`,
          );
        }
        // Checked before the database opens, so a typo costs nothing.
        if (options.encoding) encodingOf(options.encoding);
        if (options.delimiter) delimiterOf(options.delimiter);
        const pulse = await cli.open({ charts: false });
        try {
          const workspace = await getWorkspace(pulse.db, pulse.workspaceId);
          const bar = progressBar("importing");
          const base: ImportOptions = {
            workspaceId: workspace.id,
            timezone: workspace.timezone,
            dateFormat: options.dateFormat as DateFormat,
            ...(options.encoding ? { encoding: options.encoding } : {}),
            ...(options.delimiter ? { delimiter: options.delimiter } : {}),
            skipInvalid: options.skipInvalid ?? false,
            sentiment: scoreSentiment,
            onProgress: (p) =>
              bar.update(p.bytes, p.totalBytes, `${p.rows.toLocaleString("en-US")} rows`),
          };
          try {
            if (options.dir) {
              await importDirectory(pulse.db, options.dir, base, (s) => {
                bar.end();
                printLine(summaryLine(s));
              });
            } else {
              const summary = await importFile(pulse.db, target!, file!, {
                ...base,
                map: pairs(options.map, "--map"),
                set: pairs(options.set, "--set"),
              });
              bar.end();
              printLine(summaryLine(summary));
            }
          } finally {
            bar.end();
          }
        } finally {
          await pulse.close();
        }
      },
    );
}
