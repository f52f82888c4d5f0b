/**
 * How one file writes numbers and dates, found from the file itself: the
 * decimal mark ("1.234,56" or "1,234.56") and the order of day and month
 * ("31/12/2025" or "12/31/2025"). A file keeps one convention throughout.
 *
 * A cell that shows the convention ("1.234,56", "31/12/2025") decides it;
 * a cell that could be read either way ("1,234", "01/02/2026") is read under
 * a provisional guess until one does. If a later cell decides against a guess
 * already used, the import starts again under the decided convention
 * (ConventionsDecided): the file is one transaction, so nothing read under the
 * wrong guess is kept. Dates still ambiguous at the end are a question to the
 * user, with the exact flag.
 */

export type DecimalMark = "." | ",";
export type DateOrder = "dmy" | "mdy";

/** A guess used on an ambiguous cell turned out wrong: import again with these. */
export class ConventionsDecided extends Error {
  constructor(readonly decided: { decimal: DecimalMark | null; dateOrder: DateOrder | null }) {
    super("the file's conventions were decided against an earlier guess");
  }
}

/** Where an ambiguous cell was first read under a guess, for the question at the end. */
export interface Guess {
  line: number;
  cell: string;
}

export class FileConventions {
  /** The line being read, for the record of guesses. */
  line = 0;
  /** The first ambiguous cells read under the provisional guesses. */
  guessed: { decimal: Guess | null; dateOrder: Guess | null } = { decimal: null, dateOrder: null };
  /** Where the convention was decided (a line and the cell), for messages and the summary. */
  evidence: { decimal: Guess | null; dateOrder: Guess | null } = { decimal: null, dateOrder: null };

  constructor(
    /** Decided (given by a flag, or by an earlier pass over the file), or null: sniffed. */
    public decimal: DecimalMark | null,
    public dateOrder: DateOrder | null,
    /** The guess for ambiguous numbers until the file decides: a decimal comma in semicolon files. */
    readonly provisionalDecimal: DecimalMark,
  ) {}

  /** The decimal mark to read an ambiguous number with. */
  decimalFor(cell: string): DecimalMark {
    if (this.decimal) return this.decimal;
    this.guessed.decimal ??= { line: this.line, cell };
    return this.provisionalDecimal;
  }

  /** A cell that shows the decimal mark. */
  decideDecimal(mark: DecimalMark, cell: string): void {
    if (this.decimal) return;
    this.decimal = mark;
    this.evidence.decimal = { line: this.line, cell };
    if (this.guessed.decimal && mark !== this.provisionalDecimal)
      throw new ConventionsDecided({ decimal: mark, dateOrder: this.dateOrder });
  }

  /** The order to read an ambiguous date with (day-first until the file decides). */
  dateOrderFor(cell: string): DateOrder {
    if (this.dateOrder) return this.dateOrder;
    this.guessed.dateOrder ??= { line: this.line, cell };
    return "dmy";
  }

  decideDateOrder(order: DateOrder, cell: string): void {
    if (this.dateOrder) return;
    this.dateOrder = order;
    this.evidence.dateOrder = { line: this.line, cell };
    if (this.guessed.dateOrder && order !== "dmy")
      throw new ConventionsDecided({ decimal: this.decimal, dateOrder: order });
  }

  /** What the file showed, for the summary: the conventions that were not the plain ones. */
  notes(): string[] {
    const notes: string[] = [];
    const mark = this.decimal ?? (this.guessed.decimal ? this.provisionalDecimal : null);
    if (mark === ",")
      notes.push(
        this.evidence.decimal
          ? `decimal comma, as line ${this.evidence.decimal.line} shows ("${this.evidence.decimal.cell}")`
          : this.guessed.decimal
            ? `decimal comma, as semicolon files write it ("${this.guessed.decimal.cell}" on line ${this.guessed.decimal.line}; --decimal . to choose)`
            : "decimal comma (--decimal)",
      );
    else if (this.guessed.decimal && !this.evidence.decimal)
      notes.push(
        `"${this.guessed.decimal.cell}" (line ${this.guessed.decimal.line}) read with a thousands comma (--decimal , to choose)`,
      );
    if (this.dateOrder && this.evidence.dateOrder)
      notes.push(
        `dates ${this.dateOrder === "dmy" ? "day-first" : "month-first"}, as line ${this.evidence.dateOrder.line} shows ("${this.evidence.dateOrder.cell}")`,
      );
    return notes;
  }

  /** An ambiguous date no cell of the file decided: the question to put, or null. */
  unansweredDates(): Guess | null {
    return this.dateOrder ? null : this.guessed.dateOrder;
  }
}
