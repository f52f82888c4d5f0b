/** An answer's numbers as CSV, for tables too long to read in a chat message. */
import { stringify } from "csv-stringify/sync";
import type { AnswerJson } from "./json.js";

export interface AnswerCsv {
  /** Data rows, without the header. */
  rows: number;
  csv: string;
}

/** Raw numbers (no currency signs or thousands separators), so a spreadsheet reads them as numbers. */
export function answerCsv(data: AnswerJson): AnswerCsv {
  const compared = data.previous !== undefined;
  const [header, records]: [string[], (string | number | null)[][]] = data.series
    ? [["period", "value"], data.series.map((p) => [p.from, p.value, p.previous ?? null])]
    : data.groups
      ? [["group", "value"], data.groups.map((g) => [g.key, g.value, g.previous ?? null])]
      : [["", "value"], [["total", data.value, data.previous ?? null]]];
  const rows = records.map((r) => (compared ? r : r.slice(0, 2)));
  return {
    rows: rows.length,
    csv: stringify([compared ? [...header, "previous"] : header, ...rows]),
  };
}
