/**
 * The range a rule watches, stored as what it means rather than as dates or
 * words: "the last 30 days" moves with every check, "last week" is the last
 * full week, "this week" the week so far, "November 2026" stays November
 * 2026. Read once from the range the question pipeline gave at creation.
 */
import { rangeText } from "../answers/format.js";
import { addDays, addMonths, type DateRange, startOf } from "../metrics/calendar.js";

export type CalendarUnit = "week" | "month" | "quarter" | "year";

export type Window =
  /** The N days before today (today, not yet complete, excluded). */
  | { kind: "days"; days: number }
  /** The last complete week, month, quarter or year. */
  | { kind: "last"; unit: CalendarUnit }
  /** The current week, month, quarter or year up to and including today. */
  | { kind: "so_far"; unit: CalendarUnit }
  /** Dates the user named: checked over exactly these. */
  | { kind: "fixed"; from: string; to: string };

const units: CalendarUnit[] = ["week", "month", "quarter", "year"];

const back = (date: string, unit: CalendarUnit): string =>
  unit === "week"
    ? addDays(date, -7)
    : addMonths(date, unit === "month" ? -1 : unit === "quarter" ? -3 : -12);

/** The range a window covers when checked on `today`. */
export function rangeOf(window: Window, today: string): DateRange {
  switch (window.kind) {
    case "days":
      return { from: addDays(today, -window.days), to: today };
    case "last": {
      const to = startOf(today, window.unit);
      return { from: back(to, window.unit), to };
    }
    case "so_far":
      return { from: startOf(today, window.unit), to: addDays(today, 1) };
    case "fixed":
      return { from: window.from, to: window.to };
  }
}

/** What a range read on `today` means: the window whose range on `today` it is. */
export function windowOf(range: DateRange, today: string): Window {
  const candidates: Window[] = units.flatMap((unit) => [
    { kind: "last", unit } as const,
    { kind: "so_far", unit } as const,
  ]);
  for (const window of candidates) {
    const r = rangeOf(window, today);
    if (r.from === range.from && r.to === range.to) return window;
  }
  if (range.to === today) {
    const days = Math.round((Date.parse(today) - Date.parse(range.from)) / 86_400_000);
    if (days > 0) return { kind: "days", days };
  }
  return { kind: "fixed", from: range.from, to: range.to };
}

/** The window in words: "over the last 30 days", "last week", "this month so far", "in November 2026". */
export function describeWindow(window: Window): string {
  switch (window.kind) {
    case "days":
      return `over the last ${window.days} days`;
    case "last":
      return `last ${window.unit} (the last full ${window.unit})`;
    case "so_far":
      return `this ${window.unit} so far`;
    case "fixed":
      return `in ${rangeText(window.from, window.to)}`;
  }
}

/**
 * The range a change rule compares with: a week, month or year earlier when
 * the rule says so ("vs last week"), else the period just before of the same
 * kind (the week before last week, the 30 days before the last 30 days).
 */
export function comparedRange(
  window: Window,
  range: DateRange,
  against: CalendarUnit | "period",
): DateRange {
  if (against !== "period") return { from: back(range.from, against), to: back(range.to, against) };
  if (window.kind === "last" || window.kind === "so_far")
    return { from: back(range.from, window.unit), to: back(range.to, window.unit) };
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000);
  return { from: addDays(range.from, -days), to: range.from };
}
