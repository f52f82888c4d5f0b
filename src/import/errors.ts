import { PulseError } from "../errors.js";

/** One bad cell or row, located the way an editor shows it. */
export interface RowProblem {
  file: string;
  /** 1-based line of the file (the header is line 1). */
  line: number;
  column: string;
  problem: string;
}

export const formatProblem = (p: RowProblem): string =>
  `${p.file}:${p.line}: ${p.column}: ${p.problem}`;

/** The file was not imported at all; nothing was written. */
export class ImportRejectedError extends PulseError {
  constructor(
    readonly file: string,
    readonly problems: RowProblem[],
    readonly moreProblems: boolean,
  ) {
    const list = problems.map(formatProblem).join("\n  ");
    super(
      "import_rejected",
      `${file} was not imported (nothing was written): ${problems.length}${moreProblems ? "+" : ""} problem(s)\n  ${list}` +
        "\nFix the rows, or import the good ones with --skip-invalid (the rejected ones go to FILE.rejected.csv).",
    );
  }
}

/** The file cannot be read as CSV at all (binary data, an unknown encoding, broken quoting): nothing was written. */
export class ImportUnreadableError extends PulseError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super("import_file_unreadable", `${file}:${line}: ${problem}`);
  }
}
