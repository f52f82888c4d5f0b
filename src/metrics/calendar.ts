/**
 * Calendar arithmetic on plain dates (YYYY-MM-DD). Ranges are dates in the
 * workspace's time zone; turning them into instants is the database's job
 * (`AT TIME ZONE`), so nothing here touches time zones.
 */
import type { Grain } from "./types.js";

const DAY_MS = 86_400_000;

/** The months' English names, January first: answers print them, questions and campaign names are read by them. */
export const monthNames = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const toUtc = (date: string): Date => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};

const fromUtc = (date: Date): string => date.toISOString().slice(0, 10);

export const isIsoDate = (value: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && fromUtc(toUtc(value)) === value;

export const addDays = (date: string, days: number): string =>
  fromUtc(new Date(toUtc(date).getTime() + days * DAY_MS));

/** Adds months, clamping the day to the target month's length (Mar 31 - 1 month = Feb 28). */
export function addMonths(date: string, months: number): string {
  const d = toUtc(date);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return fromUtc(target);
}

export const daysBetween = (from: string, to: string): number =>
  Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / DAY_MS);

/** Whole months from `from` to `to`, or null when either is not the first of a month. */
export function monthsBetween(from: string, to: string): number | null {
  if (!from.endsWith("-01") || !to.endsWith("-01")) return null;
  const a = toUtc(from);
  const b = toUtc(to);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
}

/** Monday = 0 ... Sunday = 6. */
export const weekday = (date: string): number => (toUtc(date).getUTCDay() + 6) % 7;

/** The start of the grain period that contains `date` (weeks start on Monday). */
export function startOf(date: string, grain: Grain): string {
  const d = toUtc(date);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (grain) {
    case "day":
      return date;
    case "week":
      return addDays(date, -weekday(date));
    case "month":
      return fromUtc(new Date(Date.UTC(y, m, 1)));
    case "quarter":
      return fromUtc(new Date(Date.UTC(y, m - (m % 3), 1)));
    case "year":
      return fromUtc(new Date(Date.UTC(y, 0, 1)));
  }
}

/** The start of the period after the one that starts at `start`. */
export function nextStart(start: string, grain: Grain): string {
  switch (grain) {
    case "day":
      return addDays(start, 1);
    case "week":
      return addDays(start, 7);
    case "month":
      return addMonths(start, 1);
    case "quarter":
      return addMonths(start, 3);
    case "year":
      return addMonths(start, 12);
  }
}

export interface DateRange {
  from: string;
  to: string;
}

/** Splits [from, to) into grain periods; the first and last are clipped to the range. */
export function periodsOf(range: DateRange, grain: Grain): DateRange[] {
  const periods: DateRange[] = [];
  let start = range.from;
  while (start < range.to) {
    const next = nextStart(startOf(start, grain), grain);
    // biome-ignore lint/complexity/useMathMinMax: ISO dates, compared as strings
    const end = next < range.to ? next : range.to;
    periods.push({ from: start, to: end });
    start = end;
  }
  return periods;
}

/** How many periods periodsOf(range, grain) returns, counted without making them. */
export function periodCount(range: DateRange, grain: Grain): number {
  const first = startOf(range.from, grain);
  const last = startOf(addDays(range.to, -1), grain);
  switch (grain) {
    case "day":
      return daysBetween(range.from, range.to);
    case "week":
      return daysBetween(first, last) / 7 + 1;
    case "month":
      return monthsBetween(first, last)! + 1;
    case "quarter":
      return monthsBetween(first, last)! / 3 + 1;
    case "year":
      return monthsBetween(first, last)! / 12 + 1;
  }
}

/**
 * How a comparison moves dates. The previous period of a whole-month range is
 * the same number of calendar months before it (October -> September, though
 * they differ in days); any other range moves back by its length in days.
 * Returned as a function so each point of a series moves with its range.
 */
export function shiftWith(
  range: DateRange,
  compare: "previous_period" | "previous_year",
): (period: DateRange) => DateRange {
  if (compare === "previous_year")
    return (p) => ({ from: addMonths(p.from, -12), to: addMonths(p.to, -12) });
  const months = monthsBetween(range.from, range.to);
  if (months !== null)
    return (p) => ({ from: addMonths(p.from, -months), to: addMonths(p.to, -months) });
  const days = daysBetween(range.from, range.to);
  return (p) => ({ from: addDays(p.from, -days), to: addDays(p.to, -days) });
}
