/**
 * How the records of a file become rows of a table: a Reading takes each
 * record of the file and gives canonical cells (text, parsed and checked
 * later like every file's), or why the record brings no row. A file in
 * Pulse's own columns, or mapped with --map/--set and derived columns, is
 * read by mappedReading; a vendor's export by its own reading
 * (src/import/vendors), which folds and filters rows by the vendor's meaning.
 */
import type { RowProblem } from "./errors.js";
import type { ValueMaps } from "./value-maps.js";

/** Canonical column -> the cell's text. Besides the table's columns: "currency" (checked against the workspace's) and "customer.<column>" (the customer the row names, for --create-customers). */
export type Cells = Record<string, string>;

/** What one record (or a group of them) of the file means. */
export type Meaning =
  | { cells: Cells }
  /** No row, and why (tallied in the summary: "4 failed charges"). */
  | { skip: string }
  /** The record cannot be read; column is the file's column. */
  | { problem: { column: string; problem: string } };

/** A meaning with the line and record it comes from (for problems and FILE.rejected.csv). */
export type Located = Meaning & { line: number; raw: string[] };

export interface Reading {
  /** What the file was recognised as ("Stripe payments export"), or null for a file read by its column names. */
  recognised: string | null;
  /** How the file is read, one phrase each, for the summary. */
  notes: string[];
  /** The canonical columns its rows give (written by the import; the others are left as they are). */
  columns: string[];
  /** The file's column each canonical one is read from, to name it in problems. */
  sources: Record<string, string>;
  /** Canonical instants whose times without an offset are UTC (a column named "... (UTC)"). */
  utc: Set<string>;
  /** The customers its orders name are created when missing (an export that comes without a customer list). */
  createsCustomers?: boolean;
  /** Its customers only add to ones that exist, keeping their sign-up; the others are skipped for this reason (an export without sign-up dates). */
  enrichesOnly?: string;
  /** Given the workspace's value maps (remembered and --map-values) before the first row. */
  useValueMaps?: (maps: ValueMaps) => void;
  row(record: string[], line: number): Located[];
  /** Rows the reading held back to fold records together. */
  end(): Located[];
}

/** A header, looked up by name ignoring case and surrounding spaces. */
export class Header {
  private readonly positions = new Map<string, number>();

  constructor(readonly names: string[]) {
    names.forEach((name, i) => {
      const key = name.trim().toLowerCase();
      if (!this.positions.has(key)) this.positions.set(key, i);
    });
  }

  index(name: string): number | undefined {
    return this.positions.get(name.trim().toLowerCase());
  }

  has(...names: string[]): boolean {
    return names.every((n) => this.index(n) !== undefined);
  }

  /** The first of `names` the header has, as written in the file. */
  first(...names: string[]): string | undefined {
    for (const n of names) {
      const i = this.index(n);
      if (i !== undefined) return this.names[i]!.trim();
    }
    return undefined;
  }

  /** A reader of the cell under the first of `names` present ("" when none is). */
  cell(...names: string[]): (record: string[]) => string {
    const name = this.first(...names);
    const i = name === undefined ? undefined : this.index(name);
    return (record) => (i === undefined ? "" : (record[i] ?? "").trim());
  }
}

/** A column of the file named "... (UTC)" holds UTC times whatever the workspace's zone. */
export const isUtcColumn = (name: string): boolean => /\(utc\)/i.test(name);

export type HeaderProblems = RowProblem[];

/** "Status=Paid" or "Status!=Failed": rows kept by --where. */
export interface Condition {
  column: string;
  equals: boolean;
  value: string;
}

/** The --where conditions as a test of a record, or problems naming the columns the header lacks. */
export function whereFilter(
  conditions: Condition[],
  header: Header,
  file: string,
): { keep: (record: string[]) => boolean; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const tests = conditions.map((c) => {
    const i = header.index(c.column);
    if (i === undefined)
      problems.push({
        file,
        line: 1,
        column: c.column,
        problem: `--where names a column that is not in the header (columns: ${header.names.join(", ")})`,
      });
    const value = c.value.trim().toLowerCase();
    return (record: string[]) =>
      ((record[i ?? -1] ?? "").trim().toLowerCase() === value) === c.equals;
  });
  return { keep: (record) => tests.every((t) => t(record)), problems };
}

/** The text of a condition, as the summary counts the rows it left out. */
export const conditionText = (c: Condition): string =>
  `${c.column}${c.equals ? "=" : "!="}${c.value}`;
