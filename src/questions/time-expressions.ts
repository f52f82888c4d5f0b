/**
 * Time expressions of questions.md turned into half-open date ranges, relative
 * to `today` (the workspace-local date). Each finder matches a phrase, returns
 * its range and removes the phrase from the text so later stages do not read
 * "last month" twice. Weeks start on Monday.
 */
import { addDays, addMonths, nextStart, startOf } from "../metrics/calendar.js";
import type { Grain } from "../metrics/types.js";

export interface DateRange {
  from: string;
  to: string;
}

export type Unit = "day" | "week" | "month" | "quarter" | "year";

const monthNames: [RegExp, number][] = [
  [/^jan(uary)?$/, 1],
  [/^feb(ruary)?$/, 2],
  [/^mar(ch)?$/, 3],
  [/^apr(il)?$/, 4],
  [/^may$/, 5],
  [/^june?$/, 6],
  [/^july?$/, 7],
  [/^aug(ust)?$/, 8],
  [/^sep(t(ember)?)?$/, 9],
  [/^oct(ober)?$/, 10],
  [/^nov(ember)?$/, 11],
  [/^dec(ember)?$/, 12],
];
export const MONTH =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

export const monthNumber = (word: string): number | null =>
  monthNames.find(([re]) => re.test(word))?.[1] ?? null;

const numberWords: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  couple: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  eighteen: 18,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  ninety: 90,
};
export const NUMBER = `\\d{1,3}|${Object.keys(numberWords).join("|")}`;
export const toNumber = (word: string): number =>
  /^\d+$/.test(word) ? Number(word) : (numberWords[word] ?? 1);

export const UNIT = "day|week|month|quarter|year";
export const unitOf = (word: string): Unit => word.replace(/s$/, "") as Unit;

const pad = (n: number): string => String(n).padStart(2, "0");
const iso = (y: number, m: number, d = 1): string => `${y}-${pad(m)}-${pad(d)}`;
const yearOf = (date: string): number => Number(date.slice(0, 4));

/** `n` whole grain periods, ending where the current one starts. */
function fullPeriodsBefore(today: string, unit: Unit, n: number): DateRange {
  const to = startOf(today, unit);
  let from = to;
  for (let i = 0; i < n; i++) from = previousStart(from, unit);
  return { from, to };
}

function previousStart(start: string, unit: Unit): string {
  switch (unit) {
    case "day":
      return addDays(start, -1);
    case "week":
      return addDays(start, -7);
    case "month":
      return addMonths(start, -1);
    case "quarter":
      return addMonths(start, -3);
    case "year":
      return addMonths(start, -12);
  }
}

/** The latest month `m` (of `year` when given) that has begun by today. */
function monthRange(today: string, month: number, year: number | null): DateRange {
  let y = year ?? yearOf(today);
  if (year === null && iso(y, month) > today) y -= 1;
  const from = iso(y, month);
  return { from, to: addMonths(from, 1) };
}

function quarterRange(today: string, quarter: number, year: number | null): DateRange {
  let y = year ?? yearOf(today);
  if (year === null && iso(y, quarter * 3 - 2) > today) y -= 1;
  const from = iso(y, quarter * 3 - 2);
  return { from, to: addMonths(from, 3) };
}

/** H1 or H2: the latest such half year that has begun by today, or of `year`. */
function halfRange(today: string, half: number, year: number | null): DateRange {
  let y = year ?? yearOf(today);
  if (year === null && iso(y, half * 6 - 5) > today) y -= 1;
  const from = iso(y, half * 6 - 5);
  return { from, to: addMonths(from, 6) };
}

function dayRange(
  today: string,
  day: number,
  month: number,
  year: number | null,
): DateRange | null {
  const real = (y: number) => {
    const date = new Date(Date.UTC(y, month - 1, day));
    return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  };
  let y = year ?? yearOf(today);
  if (year === null && iso(y, month, day) > today) y -= 1;
  if (month < 1 || month > 12 || !real(y)) return null;
  const from = iso(y, month, day);
  return { from, to: addDays(from, 1) };
}

const yearRange = (year: number): DateRange => ({ from: iso(year, 1), to: iso(year + 1, 1) });

export interface TimeMatch {
  range: DateRange;
  /** The text with the phrase taken out. */
  rest: string;
}

type Finder = (text: string, today: string) => TimeMatch | null;

/** Replaces the match with a separator so words on either side do not join into a phrase. */
const cut = (text: string, match: RegExpExecArray): string =>
  `${text.slice(0, match.index)} ; ${text.slice(match.index + match[0].length)}`;

function finder(
  pattern: RegExp,
  toRange: (m: RegExpExecArray, today: string) => DateRange | null,
): Finder {
  return (text, today) => {
    const match = pattern.exec(text);
    if (!match) return null;
    const range = toRange(match, today);
    return range ? { range, rest: cut(text, match) } : null;
  };
}

/** A point in time named alone, as the start or end of "from X to Y": a month (with year), a quarter, a year, a day. */
function anchor(text: string, today: string): DateRange | null {
  const t = text.trim();
  let m = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH})(?:\\s+(\\d{4}))?$`).exec(
    t,
  );
  if (m) return dayRange(today, Number(m[1]), monthNumber(m[2]!)!, m[3] ? Number(m[3]) : null);
  m = new RegExp(`^(${MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+(\\d{4}))?$`).exec(t);
  if (m) return dayRange(today, Number(m[2]), monthNumber(m[1]!)!, m[3] ? Number(m[3]) : null);
  m = new RegExp(`^(${MONTH})(?:\\s+(\\d{4}))?$`).exec(t);
  if (m) return monthRange(today, monthNumber(m[1]!)!, m[2] ? Number(m[2]) : null);
  m = /^q([1-4])(?:\s+(\d{4}))?$/.exec(t);
  if (m) return quarterRange(today, Number(m[1]), m[2] ? Number(m[2]) : null);
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return dayRange(today, Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^((?:19|20)\d{2})$/.exec(t);
  if (m) return yearRange(Number(m[1]));
  return null;
}

const ANCHOR = `(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTH})(?:\\s+\\d{4})?|(?:${MONTH})(?:\\s+\\d{1,2}(?:st|nd|rd|th)?)?(?:\\s+\\d{4})?|q[1-4](?:\\s+\\d{4})?|(?:19|20)\\d{2})`;

const finders: Finder[] = [
  // from January to March, between Jan and Mar: both ends included.
  finder(
    new RegExp(
      `\\b(?:from|between)\\s+(${ANCHOR})\\s+(?:to|and|until|till|through|thru|-)\\s+(${ANCHOR})\\b`,
    ),
    (m, today) => {
      const start = anchor(m[1]!, today);
      if (!start) return null;
      // The end is the first such period at or after the start.
      let end = anchor(m[2]!, start.to > today ? start.from : today);
      if (end && end.to <= start.from)
        end = anchor(`${m[2]} ${yearOf(start.from) + 1}`, today) ?? end;
      if (end && !/\d{4}/.test(m[2]!) && end.from < start.from) {
        end = anchor(`${m[2]} ${yearOf(end.from) + 1}`, today);
      }
      if (!end || end.to <= start.from) return null;
      // A range whose last period has not begun means the one a year earlier ("from November to February" in November).
      if (end.from > today && !/\d{4}/.test(m[1]!) && !/\d{4}/.test(m[2]!)) {
        return { from: addMonths(start.from, -12), to: addMonths(end.to, -12) };
      }
      return { from: start.from, to: end.to };
    },
  ),
  // between 1 and 15 November, from 3 to 9 March 2025: days of one month, both ends included.
  finder(
    new RegExp(
      `\\b(?:from|between)\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:to|and|until|till|through|-)\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH})(?:\\s+(\\d{4}))?\\b`,
    ),
    (m, today) => {
      const month = monthNumber(m[3]!)!;
      const year = m[4] ? Number(m[4]) : null;
      const start = dayRange(today, Number(m[1]), month, year);
      const end = start && dayRange(today, Number(m[2]), month, Number(start.from.slice(0, 4)));
      return start && end && end.from >= start.from ? { from: start.from, to: end.to } : null;
    },
  ),
  // Q1 and Q2, Q2 to Q3 2025: consecutive quarters, both included.
  finder(/\bq([1-4])\s+(?:and|to|through|-)\s+q([1-4])(?:\s+(?:of\s+)?(\d{4}))?\b/, (m, today) => {
    const end = quarterRange(today, Number(m[2]), m[3] ? Number(m[3]) : null);
    const start = quarterRange(today, Number(m[1]), Number(end.from.slice(0, 4)));
    return start.from < end.to ? { from: start.from, to: end.to } : null;
  }),
  // Seasons of the northern hemisphere: the latest that has begun.
  finder(
    /\b(?:in\s+|during\s+|over\s+)?(?:the\s+)?(summer|winter|spring|autumn|fall)(?:\s+(\d{4}))?\b/,
    (m, today) => {
      const first = { spring: 3, summer: 6, autumn: 9, fall: 9, winter: 12 }[m[1] as "summer"];
      const start = monthRange(today, first, m[2] ? Number(m[2]) : null);
      return { from: start.from, to: addMonths(start.from, 3) };
    },
  ),
  // since June: until today included.
  finder(new RegExp(`\\b(?:since|starting|from)\\s+(${ANCHOR})\\b`), (m, today) => {
    const start = anchor(m[1]!, today);
    return start && start.from <= today ? { from: start.from, to: addDays(today, 1) } : null;
  }),
  finder(/\b(?:the\s+)?day\s+before\s+yesterday\b/, (_m, today) => ({
    from: addDays(today, -2),
    to: addDays(today, -1),
  })),
  finder(/\byesterday\b/, (_m, today) => ({ from: addDays(today, -1), to: today })),
  finder(/\b(?:today|so far today|this day)\b/, (_m, today) => ({
    from: today,
    to: addDays(today, 1),
  })),
  // last 7 days (today excluded), last 3 weeks / 6 months / 2 quarters / 2 years (full periods before the current one).
  finder(
    new RegExp(
      `\\b(?:in\\s+|over\\s+|during\\s+|for\\s+)?(?:the\\s+)?(?:last|past|previous|prior|trailing)\\s+(${NUMBER})\\s+(${UNIT})s?\\b`,
    ),
    (m, today) => {
      const n = toNumber(m[1]!);
      const unit = unitOf(m[2]!);
      if (n < 1 || n > 400) return null;
      if (unit === "day") return { from: addDays(today, -n), to: today };
      return fullPeriodsBefore(today, unit, n);
    },
  ),
  finder(
    new RegExp(
      `\\b(?:(?:in|during|over|for)\\s+)?(?:the\\s+)?(?:last|previous|past|prior)\\s+(${UNIT})\\b`,
    ),
    (m, today) => fullPeriodsBefore(today, unitOf(m[1]!), 1),
  ),
  finder(new RegExp(`\\b(?:the\\s+)?(${UNIT})\\s+before\\s+last\\b`), (m, today) => {
    const unit = unitOf(m[1]!);
    return {
      from: fullPeriodsBefore(today, unit, 2).from,
      to: fullPeriodsBefore(today, unit, 1).from,
    };
  }),
  finder(
    new RegExp(
      `\\b(?:(?:so\\s+far\\s+)?this|the\\s+current|current|so\\s+far\\s+this)\\s+(${UNIT})(?:\\s+(?:to\\s+date|so\\s+far))?\\b`,
    ),
    (m, today) => ({
      from: startOf(today, unitOf(m[1]!)),
      to: addDays(today, 1),
    }),
  ),
  finder(new RegExp(`\\b(${UNIT})\\s+to\\s+date\\b`), (m, today) => ({
    from: startOf(today, unitOf(m[1]!)),
    to: addDays(today, 1),
  })),
  finder(/\b([wmqy])td\b/, (m, today) => ({
    from: startOf(
      today,
      ({ w: "week", m: "month", q: "quarter", y: "year" } as const)[m[1] as "w" | "m" | "q" | "y"],
    ),
    to: addDays(today, 1),
  })),
  finder(/\b(\d{4})-(\d{2})-(\d{2})\b/, (m, today) =>
    dayRange(today, Number(m[3]), Number(m[2]), Number(m[1])),
  ),
  finder(
    new RegExp(
      `\\b(?:on\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH})(?:\\s+(\\d{4}))?\\b`,
    ),
    (m, today) => dayRange(today, Number(m[1]), monthNumber(m[2]!)!, m[3] ? Number(m[3]) : null),
  ),
  finder(
    new RegExp(
      `\\b(?:on\\s+)?(${MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+(\\d{4}))?\\b(?!\\s*(?:day|week|month|quarter|year))`,
    ),
    (m, today) =>
      Number(m[2]) >= 1 && Number(m[2]) <= 31
        ? dayRange(today, Number(m[2]), monthNumber(m[1]!)!, m[3] ? Number(m[3]) : null)
        : null,
  ),
  finder(
    /\b(?:in\s+|for\s+|during\s+)?(?:the\s+)?q([1-4])(?:\s+(?:of\s+)?(\d{4}))?\b/,
    (m, today) => quarterRange(today, Number(m[1]), m[2] ? Number(m[2]) : null),
  ),
  finder(
    /\b(?:in\s+|for\s+|during\s+)?(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+(?:of\s+)?(\d{4}))?\b/,
    (m, today) =>
      quarterRange(
        today,
        { first: 1, second: 2, third: 3, fourth: 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4 }[
          m[1] as "first"
        ] ?? 1,
        m[2] ? Number(m[2]) : null,
      ),
  ),
  finder(
    /\b(?:in\s+|for\s+|during\s+)?(?:the\s+)?(?:h([12])|(first|second|1st|2nd)\s+half)(?:\s+of)?(?:\s+(?:the|this)\s+year|\s+(\d{4}))?\b/,
    (m, today) =>
      halfRange(
        today,
        m[1] ? Number(m[1]) : /^(?:first|1st)$/.test(m[2]!) ? 1 : 2,
        m[3] ? Number(m[3]) : null,
      ),
  ),
  // "may" is a month only with a preposition or a year beside it: "what may churn be" is not May.
  finder(/\b(?:in|for|during|of|since)\s+may(?:\s+(\d{4}))?\b|\bmay\s+(\d{4})\b/, (m, today) =>
    monthRange(today, 5, m[1] ? Number(m[1]) : m[2] ? Number(m[2]) : null),
  ),
  finder(
    new RegExp(
      `\\b(?:in\\s+|for\\s+|during\\s+|of\\s+)?(${MONTH.replace("|may|", "|")})(?:\\s+(?:of\\s+)?(\\d{4}))?\\b`,
    ),
    (m, today) => monthRange(today, monthNumber(m[1]!)!, m[2] ? Number(m[2]) : null),
  ),
  finder(/\b(?:in\s+|for\s+|during\s+|of\s+)?(?:the\s+)?(?:year\s+)?((?:19|20)\d{2})\b/, (m) =>
    yearRange(Number(m[1])),
  ),
];

/** Finds the first time expression in the text. */
export function findTime(text: string, today: string): TimeMatch | null {
  for (const find of finders) {
    const found = find(text, today);
    if (found) return found;
  }
  return null;
}

/** The last full calendar month: the range of a question that names no time. */
export const defaultRange = (today: string): DateRange => fullPeriodsBefore(today, "month", 1);

/** The last 12 full months: what "trend" or "history" means with no time given. */
export const defaultSeriesRange = (today: string): DateRange =>
  fullPeriodsBefore(today, "month", 12);

/** The n periods after the current one: a forecast's range. */
export function futureRange(today: string, unit: Unit, n: number): DateRange {
  const from = nextStart(startOf(today, unit), unit);
  let to = from;
  for (let i = 0; i < n; i++) to = nextStart(to, unit);
  return { from, to };
}

/** A grain that suits a series over the range when none is named. */
export function grainFor(range: DateRange): Grain {
  const days = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000;
  if (days <= 31) return "day";
  if (days <= 92) return "week";
  if (days <= 1100) return "month";
  return "quarter";
}
