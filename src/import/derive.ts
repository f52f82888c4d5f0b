/**
 * Canonical columns a file does not have but implies, as of the day it was
 * exported: `churned_at` from a yes/no column (Telco's `Churn=Yes`), and
 * `signup_at` from a tenure in whole months (Telco's `tenure`).
 */
import { ConfigError } from "../errors.js";
import { addMonths, isIsoDate } from "../metrics/calendar.js";
import type { RowProblem } from "./errors.js";
import { type Parsed, parseInteger } from "./values.js";

export interface Derivations {
  /** The day the export was taken (YYYY-MM-DD, in the workspace's zone): the date the others count from. */
  asOf: string;
  /** churned_at = asOf on rows whose `column` equals `value` (ignoring case); no churn on the others. */
  churnedWhen?: { column: string; value: string };
  /** signup_at = asOf minus this column's whole number of months. */
  tenureMonths?: string;
}

/** A derived cell, read from the whole record: the canonical value, or a problem named after the source column. */
export type Deriver = (record: string[]) => { source: string; parsed: Parsed };

/** Longest tenure taken: a century of months; more is a mistake in the file. */
const MAX_TENURE_MONTHS = 1200;

/** The canonical columns derived. */
export const derivedColumns = (d: Derivations): string[] => [
  ...(d.churnedWhen ? ["churned_at"] : []),
  ...(d.tenureMonths ? ["signup_at"] : []),
];

/** Checks the options before any file is read; `given` are the columns --map and --set name. Throws ConfigError. */
export function validateDerivations(d: Derivations, given: string[]): void {
  if (!isIsoDate(d.asOf))
    throw new ConfigError(`--as-of takes the export's date as YYYY-MM-DD, got "${d.asOf}"`);
  for (const column of derivedColumns(d))
    if (given.includes(column))
      throw new ConfigError(`${column} is derived and also given with --map or --set: keep one`);
}

/** The deriver of each canonical column, from the header; problems (line 1) for source columns it lacks. */
export function derivers(
  d: Derivations,
  header: string[],
  file: string,
): { derived: Map<string, Deriver>; problems: RowProblem[] } {
  const normalized = header.map((h) => h.trim().toLowerCase());
  const derived = new Map<string, Deriver>();
  const problems: RowProblem[] = [];
  const at = (canonical: string, option: string, column: string): number | null => {
    const index = normalized.indexOf(column.trim().toLowerCase());
    if (index >= 0) return index;
    problems.push({
      file,
      line: 1,
      column: canonical,
      problem: `${option} names "${column}", which is not in the header`,
    });
    return null;
  };
  const asOf = `${d.asOf} 00:00:00`;
  if (d.churnedWhen) {
    const { column, value } = d.churnedWhen;
    const index = at("churned_at", "--churned-when", column);
    const wanted = value.trim().toLowerCase();
    if (index !== null)
      derived.set("churned_at", (record) => ({
        source: column,
        parsed: { ok: true, value: record[index]?.trim().toLowerCase() === wanted ? asOf : null },
      }));
  }
  if (d.tenureMonths) {
    const column = d.tenureMonths;
    const index = at("signup_at", "--tenure-months", column);
    if (index !== null)
      derived.set("signup_at", (record) => {
        const months = parseInteger(record[index]?.trim() ?? "", 0, MAX_TENURE_MONTHS);
        return {
          source: column,
          parsed: months.ok
            ? { ok: true, value: `${addMonths(d.asOf, -Number(months.value))} 00:00:00` }
            : { ok: false, problem: `${months.problem} of months (--tenure-months)` },
        };
      });
  }
  return { derived, problems };
}
