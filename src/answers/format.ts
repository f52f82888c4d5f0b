/** Numbers and ranges as people read them. */
import { addDays, monthNames, monthsBetween, weekday } from "../metrics/calendar.js";
import type { Unit } from "../metrics/types.js";

const count = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const twoDecimals = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const moneyFormats = new Map<string, Intl.NumberFormat>();

function money(currency: string): Intl.NumberFormat {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { style: "currency", currency });
    moneyFormats.set(currency, format);
  }
  return format;
}

/** A value in its unit: "$1,234.50", "3.6%", "1,764", "4.5". Null is "no data". */
export function formatValue(
  value: number | null | undefined,
  unit: Unit,
  currency = "USD",
  decimals?: number,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "no data";
  switch (unit) {
    case "money":
      return money(currency).format(value);
    case "percent":
      return `${oneDecimal.format(value)}%`;
    case "count":
      return Number.isInteger(value) ? count.format(value) : twoDecimals.format(value);
    case "score":
      if (decimals !== undefined)
        return value.toLocaleString("en-US", {
          minimumFractionDigits: decimals,
          maximumFractionDigits: decimals,
        });
      return Math.abs(value) <= 1 ? twoDecimals.format(value) : oneDecimal.format(value);
  }
}

const parts = (date: string) => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return { y, m, d };
};

const dayText = (date: string): string => {
  const { y, m, d } = parts(date);
  return `${d} ${monthNames[m - 1]} ${y}`;
};

/** The range [from, to) in words: "October 2026", "Q3 2026", "2025", "9-15 November 2026". */
export function rangeText(from: string, to: string): string {
  const last = addDays(to, -1);
  const a = parts(from);
  const b = parts(last);
  const wholeMonths = monthsBetween(from, to);
  if (wholeMonths === 1) return `${monthNames[a.m - 1]} ${a.y}`;
  if (wholeMonths === 3 && (a.m - 1) % 3 === 0) return `Q${(a.m - 1) / 3 + 1} ${a.y}`;
  if (wholeMonths === 12 && a.m === 1) return `${a.y}`;
  if (from === last) return dayText(from);
  if (wholeMonths !== null && wholeMonths > 1) {
    return a.y === b.y
      ? `${monthNames[a.m - 1]} - ${monthNames[b.m - 1]} ${a.y}`
      : `${monthNames[a.m - 1]} ${a.y} - ${monthNames[b.m - 1]} ${b.y}`;
  }
  const week = weekday(from) === 0 && addDays(from, 7) === to ? "the week of " : "";
  if (week) return `${week}${dayText(from)}`;
  if (a.y === b.y && a.m === b.m) return `${a.d}-${b.d} ${monthNames[a.m - 1]} ${a.y}`;
  if (a.y === b.y) return `${a.d} ${monthNames[a.m - 1]} - ${dayText(last)}`;
  return `${dayText(from)} - ${dayText(last)}`;
}

/** A series point's label for its grain: "Oct 2026", "Q3 2026", "2026", "9 Nov". */
export function pointText(
  from: string,
  grain: "day" | "week" | "month" | "quarter" | "year",
): string {
  const { y, m, d } = parts(from);
  const short = monthNames[m - 1]!.slice(0, 3);
  switch (grain) {
    case "year":
      return `${y}`;
    case "quarter":
      return `Q${Math.floor((m - 1) / 3) + 1} ${y}`;
    case "month":
      return `${short} ${y}`;
    default:
      return `${d} ${short} ${y}`;
  }
}

/** An instant to the minute in UTC: "2026-11-30 09:00 UTC". */
export const utcMinute = (at: Date): string =>
  `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * A change with its sign: "+€20,140", "−€3,900", "+2.1 pts", "+5". Money of
 * 100 or more is rounded to whole units: a change is read, not added up.
 */
export function formatDelta(
  value: number,
  unit: Unit,
  currency = "USD",
  decimals?: number,
): string {
  const sign = value > 0 ? "+" : value < 0 ? "−" : "";
  const size = Math.abs(value);
  if (unit === "percent") return `${sign}${oneDecimal.format(size)} pts`;
  if (unit === "money" && size >= 100)
    return `${sign}${new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 0 }).format(size)}`;
  return `${sign}${formatValue(size, unit, currency, decimals)}`;
}
