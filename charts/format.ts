/** How numbers read on charts, by unit. */
import type { ChartUnit } from "./types.js";

const symbols: Record<string, string> = {
  USD: "$",
  EUR: "€",
  GBP: "£",
  JPY: "¥",
  BRL: "R$",
  AMD: "֏",
  GEL: "₾",
  ETB: "Br",
  IRR: "﷼",
  RUB: "₽",
};

// Building an Intl.NumberFormat costs about a tenth of a millisecond, and a breakdown labels
// every bar twice (chart and table): one formatter per pattern.
const formats = new Map<string, Intl.NumberFormat>();
const grouped = (value: number, minimumFractionDigits: number, maximumFractionDigits: number) => {
  const key = `${minimumFractionDigits}:${maximumFractionDigits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { minimumFractionDigits, maximumFractionDigits });
    formats.set(key, format);
  }
  return format.format(value);
};

export const currencySymbol = (currency = "USD"): string => symbols[currency] ?? `${currency} `;

/** A value as a label: "€1,234", "3.6%", "1,764", "4.5". */
export function label(
  value: number | null | undefined,
  unit: ChartUnit,
  currency?: string,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "no data";
  switch (unit) {
    case "money":
      return `${currencySymbol(currency)}${grouped(value, 0, Math.abs(value) >= 100 ? 0 : 2)}`;
    case "percent":
      return `${value.toFixed(1)}%`;
    case "count":
      return grouped(value, 0, 1);
    case "score":
      // One precision for every score, so the bars of one chart read alike ("-1.0" beside "-3.8").
      return value.toFixed(1);
  }
}

/** A value for a table: money with its cents, so a reader can add the numbers up. */
export function exactLabel(
  value: number | null | undefined,
  unit: ChartUnit,
  currency?: string,
): string {
  if (unit !== "money" || value === null || value === undefined || !Number.isFinite(value))
    return label(value, unit, currency);
  return `${currencySymbol(currency)}${grouped(value, 2, 2)}`;
}

/** d3-format pattern for axis labels of a unit. */
export function axisFormat(unit: ChartUnit): string {
  switch (unit) {
    case "percent":
      return ".1f";
    case "score":
      return ".2~f";
    default:
      return "~s";
  }
}

/** Axis title suffix: "(%)", "(€)". */
export function unitSuffix(unit: ChartUnit, currency?: string): string {
  if (unit === "percent") return " (%)";
  if (unit === "money") return ` (${currencySymbol(currency).trim()})`;
  return "";
}
