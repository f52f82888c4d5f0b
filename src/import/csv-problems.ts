/**
 * csv-parse's syntax errors, said the way the rest of the import says
 * problems: the line and what to change, instead of the parser's own wording.
 */
import { CsvError } from "csv-parse";
import { ImportUnreadableError } from "./errors.js";

/**
 * The ImportUnreadableError for a parser error, or null for any other error.
 * `lastRecordLine` is the line the last whole record ended on: an unclosed
 * quote is only noticed at the end of the file, but it opened on the line after.
 */
export function csvSyntaxError(
  error: unknown,
  file: string,
  header: readonly string[] | null,
  lastRecordLine: number,
): ImportUnreadableError | null {
  if (!(error instanceof CsvError)) return null;
  const line = Number(error.lines ?? lastRecordLine + 1);
  const column = typeof error.column === "number" ? error.column : null;
  const field =
    column === null
      ? "a field"
      : header?.[column] !== undefined
        ? `field ${column + 1} (${header[column]})`
        : `field ${column + 1}`;
  switch (error.code) {
    case "INVALID_OPENING_QUOTE":
      return new ImportUnreadableError(
        file,
        line,
        `a quote (") inside ${field}, which does not start with one: quote the whole field and double the quote inside it, like "5"" screen"`,
      );
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return new ImportUnreadableError(
        file,
        line,
        `text after the closing quote of ${field}: a quote inside a quoted field is written twice ("")`,
      );
    case "CSV_QUOTE_NOT_CLOSED":
      return new ImportUnreadableError(
        file,
        lastRecordLine + 1,
        'a quoted field that starts on this line is never closed (a missing ")',
      );
    default:
      return new ImportUnreadableError(file, line, error.message);
  }
}
