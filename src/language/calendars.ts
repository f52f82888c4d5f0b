/**
 * The calendars people use besides the Gregorian one (languages.md §7 P1-P3):
 * Solar Hijri (Iran) and Ethiopian. Dates are converted by Node's ICU
 * (Intl's "persian" and "ethiopic" calendars), never by hand: a native month
 * or year is found by asking ICU which Gregorian day is its first.
 */
import { addDays } from "../metrics/calendar.js";

export const calendarIds = ["gregorian", "persian", "ethiopian"] as const;
export type CalendarId = (typeof calendarIds)[number];

export const isCalendar = (value: string): value is CalendarId =>
  (calendarIds as readonly string[]).includes(value);

/** A day in a calendar: year, month (1-12, Ethiopian 13 = Pagume), day. */
export interface CalendarDate {
  y: number;
  m: number;
  d: number;
}

export interface Range {
  from: string;
  to: string;
}

const icuName = { persian: "persian", ethiopian: "ethiopic" } as const;
const formats = new Map<CalendarId, Intl.DateTimeFormat>();

/** The ISO date YYYY-MM-DD in the calendar. */
export function inCalendar(date: string, calendar: CalendarId): CalendarDate {
  if (calendar === "gregorian") {
    const [y, m, d] = date.split("-").map(Number) as [number, number, number];
    return { y, m, d };
  }
  let format = formats.get(calendar);
  if (!format) {
    format = new Intl.DateTimeFormat(`en-u-ca-${icuName[calendar]}`, {
      timeZone: "UTC",
      year: "numeric",
      month: "numeric",
      day: "numeric",
    });
    formats.set(calendar, format);
  }
  const parts = format.formatToParts(new Date(`${date}T00:00:00Z`));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: part("year"), m: part("month"), d: part("day") };
}

/** How many months a year has: Ethiopian Pagume is the thirteenth. */
export const monthsIn = (calendar: CalendarId): number => (calendar === "ethiopian" ? 13 : 12);

/** A Gregorian day near the first of a native month, to search from. */
function near(calendar: CalendarId, y: number, m: number): string {
  if (calendar === "persian") {
    const start = `${y + 621}-03-21`;
    return addDays(start, m <= 7 ? (m - 1) * 31 : 186 + (m - 7) * 30);
  }
  if (calendar === "ethiopian") return addDays(`${y + 7}-09-11`, (m - 1) * 30);
  return `${y}-${String(m).padStart(2, "0")}-01`;
}

/** The Gregorian day a native month begins on. */
export function monthStart(calendar: CalendarId, y: number, m: number): string {
  if (m > monthsIn(calendar)) return monthStart(calendar, y + 1, m - monthsIn(calendar));
  let day = near(calendar, y, m);
  for (let step = 0; step < 40; step++) {
    const here = inCalendar(day, calendar);
    const offset = (here.y - y) * 400 + (here.m - m) * 31 + (here.d - 1);
    if (offset === 0) return day;
    day = addDays(day, offset > 0 ? -Math.min(offset, 5) : Math.min(-offset, 5));
  }
  throw new Error(`no first day of month ${m} of ${y} in the ${calendar} calendar`);
}

export const monthRange = (calendar: CalendarId, y: number, m: number): Range => ({
  from: monthStart(calendar, y, m),
  to: monthStart(calendar, y, m + 1),
});

export const yearRange = (calendar: CalendarId, y: number): Range => ({
  from: monthStart(calendar, y, 1),
  to: monthStart(calendar, y + 1, 1),
});

/** The latest month m that has begun by `today` (questions.md: "in March" is the latest March). */
export function latestMonth(calendar: CalendarId, m: number, today: string): Range {
  const { y } = inCalendar(today, calendar);
  const range = monthRange(calendar, y, m);
  return range.from <= today ? range : monthRange(calendar, y - 1, m);
}

type Period = "month" | "quarter" | "year";

/** The native period containing `today` (`which` 0, to date: it ends tomorrow), or the one before it (-1). */
export function periodRange(
  calendar: CalendarId,
  period: Period,
  which: 0 | -1,
  today: string,
): Range {
  const { y, m } = inCalendar(today, calendar);
  // Quarters are three months (Persian seasons); Ethiopian Pagume closes the fourth.
  const first = period === "year" ? 1 : period === "quarter" ? Math.min(m - ((m - 1) % 3), 10) : m;
  const start = monthStart(calendar, y, first);
  if (which === 0) return { from: start, to: addDays(today, 1) };
  return { from: periodRange(calendar, period, 0, addDays(start, -1)).from, to: start };
}
