/**
 * Turning CSV cells into canonical values. Each parser returns the value in
 * the form the database receives it (text), or a problem phrased for a person.
 */

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

const timePart = /^(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * A date or timestamp. A bare date, or a time without an offset, is local to
 * the workspace: it is kept without an offset and the database applies the zone.
 */
export function parseInstant(cell: string, format: DateFormat): Parsed {
  const { re, order } = datePatterns[format];
  const match = re.exec(cell);
  if (!match)
    return problem(`"${cell}" is not a date in the form ${format} (optionally followed by a time)`);
  const [y, m, d] = order.map((i) => Number(match[i]));
  if (!isRealDate(y!, m!, d!)) return problem(`"${cell}" is not a real date`);
  const rest = timePart.exec(cell.slice(match[0].length));
  if (!rest)
    return problem(
      `"${cell}" has a time that is not HH:MM[:SS] with an optional offset such as Z or +02:00`,
    );
  const [, hh = "00", mm = "00", ss = "00", fraction = "", offset = ""] = rest;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59)
    return problem(`"${cell}" has an impossible time`);
  const date = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return ok(`${date} ${hh}:${mm}:${ss}${fraction}${offset}`);
}

/** A plain date (no time), as YYYY-MM-DD. */
export function parseDate(cell: string, format: DateFormat): Parsed {
  const parsed = parseInstant(cell, format);
  if (!parsed.ok) return parsed;
  if (!parsed.value!.endsWith(" 00:00:00"))
    return problem(`"${cell}" should be a date without a time`);
  return ok(parsed.value!.slice(0, 10));
}

/** A decimal amount: digits with an optional fraction, no thousands separators or currency signs. */
export function parseAmount(cell: string, allowNegative: boolean): Parsed {
  if (!/^-?\d+(\.\d+)?$/.test(cell) && !/^-?\d*\.\d+$/.test(cell)) {
    return problem(`"${cell}" is not a number (use digits and a dot, like 1234.50)`);
  }
  if (!allowNegative && cell.startsWith("-") && Number(cell) !== 0)
    return problem(`${cell} is negative`);
  if (Math.abs(Number(cell)) >= 1e14) return problem(`${cell} is too large`);
  return ok(cell);
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

export function parseCountry(cell: string): Parsed {
  const code = cell.toUpperCase();
  return /^[A-Z]{2}$/.test(code)
    ? ok(code)
    : problem(`"${cell}" is not an ISO 3166 alpha-2 country code (like FI)`);
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
