/**
 * Turning CSV cells into canonical values. Each parser returns the value in
 * the form the database receives it (text), or a problem phrased for a person.
 */
import type { Country } from "world-countries";
import worldCountries from "world-countries";
import type { DateOrder, DecimalMark, FileConventions } from "./conventions.js";

export type Parsed = { ok: true; value: string | null } | { ok: false; problem: string };

export type DateFormat = "YYYY-MM-DD" | "DD-MM-YYYY" | "DD/MM/YYYY" | "MM/DD/YYYY" | "DD.MM.YYYY";
export const dateFormats: readonly DateFormat[] = [
  "YYYY-MM-DD",
  "DD-MM-YYYY",
  "DD/MM/YYYY",
  "MM/DD/YYYY",
  "DD.MM.YYYY",
];

const ok = (value: string | null): Parsed => ({ ok: true, value });
const problem = (text: string): Parsed => ({ ok: false, problem: text });

const isRealDate = (y: number, m: number, d: number): boolean => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

const datePatterns: Record<DateFormat, { re: RegExp; order: [number, number, number] }> = {
  // order: positions of year, month, day in the match groups
  "YYYY-MM-DD": { re: /^(\d{4})-(\d{1,2})-(\d{1,2})/, order: [1, 2, 3] },
  "DD-MM-YYYY": { re: /^(\d{1,2})-(\d{1,2})-(\d{4})/, order: [3, 2, 1] },
  "DD/MM/YYYY": { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})/, order: [3, 2, 1] },
  "MM/DD/YYYY": { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})/, order: [3, 1, 2] },
  "DD.MM.YYYY": { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})/, order: [3, 2, 1] },
};

const isoDate = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})/;
/** 31/12/2025, 12/31/2025, 31.12.2025, 31-12-2025: day and month in an order the file decides. */
const numericDate = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})/;

/** After the date: a 24-hour or 12-hour time, and an offset (Z, UTC, +02:00, +0200). */
const timePart =
  /^(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?(?:\s*([AaPp])\.?[Mm]\.?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

/** How a file's cells are read: the date format (sniffed when "auto") and the file's conventions. */
export interface CellOptions {
  dateFormat: DateFormat | "auto";
  conventions: FileConventions;
  /** A time without an offset is UTC (a column named "... (UTC)", --timezone UTC). */
  utc?: boolean;
  /** The workspace's currency: an amount may carry its sign or code ("1.234,56 €"), no other. */
  currency?: string;
}

const dateFlag = (order: DateOrder | null): string =>
  order === "mdy" ? "--date-format MM/DD/YYYY" : "--date-format DD/MM/YYYY";

/** Year, month, day of the date at the start of `cell`, and the rest; or a problem. */
function datePart(
  cell: string,
  options: CellOptions,
): { ymd: [number, number, number]; rest: string } | { problem: string } {
  if (options.dateFormat !== "auto") {
    const { re, order } = datePatterns[options.dateFormat];
    const match = re.exec(cell);
    if (!match)
      return {
        problem: `"${cell}" is not a date in the form ${options.dateFormat} (optionally followed by a time): fix the cell or give the file's format with --date-format`,
      };
    const [y, m, d] = order.map((i) => Number(match[i])) as [number, number, number];
    return { ymd: [y, m, d], rest: cell.slice(match[0].length) };
  }
  const iso = isoDate.exec(cell);
  if (iso)
    return {
      ymd: [Number(iso[1]), Number(iso[2]), Number(iso[3])],
      rest: cell.slice(iso[0].length),
    };
  const match = numericDate.exec(cell);
  if (!match)
    return {
      problem: `"${cell}" is not a date (write 2025-12-31, 31.12.2025, 31/12/2025 or 12/31/2025, optionally followed by a time)`,
    };
  const a = Number(match[1]);
  const b = Number(match[3]);
  const y = Number(match[4]);
  const c = options.conventions;
  let order: DateOrder;
  // Dots are day-first wherever they are written; a first number above 12 is a day, a second one a month's day.
  if (match[2] === ".") order = "dmy";
  else if (a > 12 && b <= 12) {
    c.decideDateOrder("dmy", cell);
    order = c.dateOrder!;
  } else if (b > 12 && a <= 12) {
    c.decideDateOrder("mdy", cell);
    order = c.dateOrder!;
  } else order = c.dateOrderFor(cell);
  const ymd: [number, number, number] = order === "dmy" ? [y, b, a] : [y, a, b];
  if (!isRealDate(...ymd) && c.evidence.dateOrder)
    return {
      problem: `"${cell}" is not a real date read ${order === "dmy" ? "day-first" : "month-first"}, as line ${c.evidence.dateOrder.line} ("${c.evidence.dateOrder.cell}") shows the file's dates are: fix the cell, or give the order with ${dateFlag(order === "dmy" ? "mdy" : "dmy")}`,
    };
  return { ymd, rest: cell.slice(match[0].length) };
}

/**
 * A date or timestamp. A bare date, or a time without an offset, is local to
 * the workspace: it is kept without an offset and the database applies the
 * zone, unless the column is UTC (options.utc), when it gets "Z".
 */
export function parseInstant(cell: string, options: CellOptions): Parsed {
  const date = datePart(cell, options);
  if ("problem" in date) return problem(date.problem);
  const [y, m, d] = date.ymd;
  if (!isRealDate(y, m, d)) return problem(`"${cell}" is not a real date`);
  const rest = timePart.exec(date.rest);
  if (!rest)
    return problem(
      `"${cell}" has a time that is not HH:MM[:SS] (24-hour, or 12-hour with AM/PM) with an optional offset such as Z or +02:00`,
    );
  const [, h = "0", mm = "00", ss = "00", fraction = "", meridiem, zone] = rest;
  let hour = Number(h);
  if (meridiem) {
    if (hour < 1 || hour > 12) return problem(`"${cell}" has an impossible 12-hour time`);
    hour = (hour % 12) + (meridiem.toLowerCase() === "p" ? 12 : 0);
  }
  if (hour > 23 || Number(mm) > 59 || Number(ss) > 59)
    return problem(`"${cell}" has an impossible time`);
  const offset = zone === "UTC" || zone === "GMT" ? "Z" : (zone ?? (options.utc ? "Z" : ""));
  const day = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return ok(`${day} ${String(hour).padStart(2, "0")}:${mm}:${ss}${fraction}${offset}`);
}

/** A plain date (no time), as YYYY-MM-DD. */
export function parseDate(cell: string, options: CellOptions): Parsed {
  const parsed = parseInstant(cell, { ...options, utc: false });
  if (!parsed.ok) return parsed;
  if (!parsed.value!.endsWith(" 00:00:00"))
    return problem(`"${cell}" should be a date without a time`);
  return ok(parsed.value!.slice(0, 10));
}

/** Spaces (also no-break and thin ones) and apostrophes group thousands in some countries: "1 234,56", "1'234.56". */
const groupingSpaces = /(?<=\d)[\s\u00a0\u202f'](?=\d{3}(?:\D|$))/g;

const currencySigns: Record<string, string> = { EUR: "€", USD: "$", GBP: "£", JPY: "¥", INR: "₹" };

/** The cell without the workspace currency's sign or code before or after the number. */
function withoutCurrency(cell: string, currency: string | undefined): string {
  if (!currency) return cell;
  const marks = [currency.toUpperCase(), currencySigns[currency.toUpperCase()]].filter(
    Boolean,
  ) as string[];
  for (const mark of marks) {
    const at = cell.toUpperCase().indexOf(mark);
    if (at === 0 || (at > 0 && at + mark.length === cell.length))
      return (cell.slice(0, at) + cell.slice(at + mark.length)).trim();
    if (at === 1 && cell.startsWith("-")) return `-${cell.slice(1 + mark.length).trim()}`;
  }
  return cell;
}

/** The number's shape under a decimal mark: digits, thousands groups of three, an optional fraction. */
const shapes: Record<DecimalMark, RegExp> = {
  ".": /^-?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/,
  ",": /^-?(?:\d{1,3}(?:\.\d{3})+|\d+)?(?:,\d+)?$/,
};

/** The decimal mark a number shows, or null when it reads either way ("1,234", "1.234") or has none. */
function markShown(text: string): DecimalMark | null {
  const dot = text.lastIndexOf(".");
  const comma = text.lastIndexOf(",");
  if (dot >= 0 && comma >= 0) return dot > comma ? "." : ",";
  const [mark, at] = dot >= 0 ? ([".", dot] as const) : comma >= 0 ? ([",", comma] as const) : [];
  if (mark === undefined) return null;
  const other: DecimalMark = mark === "." ? "," : ".";
  // Two or more of the same mark are thousands separators: 1,234,567.
  if (text.indexOf(mark) !== at) return other;
  // One mark with other than three digits after it is the decimal mark: 12,5 or 1234.50.
  // So is one after a leading zero (0.125) or after more than three digits (1234,567).
  return text.length - at - 1 !== 3 || /^-?(0|\d{4,})[.,]/.test(text) ? mark : null;
}

/**
 * A decimal amount in the file's convention: "1234.50", "1,234.50",
 * "1.234,50", "1 234,50", "1.234,50 €" in a workspace in euros; given back
 * with a dot and no grouping. Any other currency's sign is refused: amounts
 * are never mixed.
 */
export function parseAmount(
  cell: string,
  allowNegative: boolean,
  conventions: FileConventions,
  currency?: string,
): Parsed {
  const text = withoutCurrency(cell, currency).replace(groupingSpaces, "");
  const shown = markShown(text);
  if (shown) conventions.decideDecimal(shown, cell);
  // A whole number reads the same under either mark: no guess is made on it.
  const mark = /[.,]/.test(text) ? (conventions.decimal ?? conventions.decimalFor(cell)) : ".";
  if (!/\d/.test(text) || !shapes[mark].test(text)) {
    const written = mark === "." ? "1234.50 or 1,234.50" : "1234,50 or 1.234,50";
    return problem(
      `"${cell}" is not a number (this file writes numbers like ${written}; --decimal ${mark === "." ? "," : "."} reads it the other way)`,
    );
  }
  const value = text
    .replaceAll(mark === "." ? "," : ".", "")
    .replace(",", ".")
    .replace(/^(-?)\./, "$10.");
  if (!allowNegative && value.startsWith("-") && Number(value) !== 0)
    return problem(`${cell} is negative`);
  if (Math.abs(Number(value)) >= 1e14) return problem(`${cell} is too large`);
  return ok(value);
}

export function parseInteger(cell: string, min: number, max: number): Parsed {
  if (!/^-?\d+$/.test(cell)) return problem(`"${cell}" is not a whole number`);
  const n = Number(cell);
  if (n < min || n > max) return problem(`${n} is out of range ${min}-${max}`);
  return ok(String(n));
}

const genders: Record<string, "f" | "m" | "x"> = {
  f: "f",
  female: "f",
  woman: "f",
  w: "f",
  m: "m",
  male: "m",
  man: "m",
  x: "x",
  other: "x",
  "non-binary": "x",
  nonbinary: "x",
  diverse: "x",
};

export function parseGender(cell: string): Parsed {
  const gender = genders[cell.toLowerCase()];
  return gender ? ok(gender) : problem(`"${cell}" is not a gender (f, m or x)`);
}

export function parseChoice(cell: string, choices: readonly string[]): Parsed {
  const value = cell.toLowerCase();
  return choices.includes(value)
    ? ok(value)
    : problem(`"${cell}" is not one of ${choices.join(", ")}`);
}

/** Country names in English ("Finland", "United States"), their official names and 3-letter codes -> alpha-2. */
const countryCodes = new Map<string, string>(
  (worldCountries as unknown as readonly Country[]).flatMap((c) => [
    [c.name.common.toLowerCase(), c.cca2],
    [c.name.official.toLowerCase(), c.cca2],
    [c.cca3.toLowerCase(), c.cca2],
  ]),
);

export function parseCountry(cell: string): Parsed {
  const code = cell.toUpperCase();
  if (/^[A-Z]{2}$/.test(code)) return ok(code);
  const named = countryCodes.get(cell.trim().toLowerCase());
  return named
    ? ok(named)
    : problem(
        `"${cell}" is not a country: write its ISO 3166 alpha-2 code (like FI) or English name`,
      );
}

export function parseBoolean(cell: string): Parsed {
  const value = cell.toLowerCase();
  if (["true", "yes", "y", "1"].includes(value)) return ok("true");
  if (["false", "no", "n", "0"].includes(value)) return ok("false");
  return problem(`"${cell}" is not true or false`);
}

export function parseJson(cell: string): Parsed {
  try {
    JSON.parse(cell);
    return ok(cell);
  } catch {
    return problem(`"${cell.slice(0, 40)}" is not valid JSON`);
  }
}
