/** An answer's numbers as CSV, for tables too long to read in a chat message. */
import { stringify } from "csv-stringify/sync";
import type { ListResult } from "../lists/list.js";
import type { AnswerJson } from "./json.js";

/** Tables and lists longer than this also come as a CSV file in chats. */
export const CSV_ABOVE_ROWS = 20;

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

/** A list's members as CSV: place, id, name, and the metric's value unless it is a membership list. */
export function listCsv(result: ListResult): AnswerCsv {
  const valued = result.unit !== null;
  const rows = result.rows.map((r, i) => [i + 1, r.id, r.name ?? "", ...(valued ? [r.value] : [])]);
  const header = ["rank", "id", "name", ...(valued ? ["value"] : [])];
  return { rows: rows.length, csv: stringify([header, ...rows]) };
}
