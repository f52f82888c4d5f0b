/**
 * When a rule fires: cron patterns read in an IANA zone (croner does the zone
 * and DST arithmetic: a 9:00 Helsinki digest is at 9:00 local in winter and
 * summer), and the plain words people type ("every Monday at 9").
 */
import { Cron } from "croner";
import { PulseError } from "../errors.js";

const cronOf = (pattern: string, timezone: string): Cron =>
  new Cron(pattern, { timezone, paused: true, legacyMode: false });

/** Throws a PulseError naming the problem when the pattern or zone is not valid. */
export function checkSchedule(pattern: string, timezone: string): void {
  try {
    new Intl.DateTimeFormat("en", { timeZone: timezone });
  } catch {
    throw new PulseError("config_invalid", `"${timezone}" is not an IANA time zone.`);
  }
  try {
    if (!cronOf(pattern, timezone).nextRun(new Date())) throw new Error("it never fires");
  } catch (error) {
    throw new PulseError(
      "config_invalid",
      `"${pattern}" is not a schedule: ${(error as Error).message}`,
    );
  }
}

/** The first occurrence strictly after `after`. */
export function nextOccurrence(pattern: string, timezone: string, after: Date): Date | null {
  return cronOf(pattern, timezone).nextRun(after);
}

/** The latest occurrence at or before `at`. */
export function latestOccurrence(pattern: string, timezone: string, at: Date): Date | null {
  const [previous] = cronOf(pattern, timezone).previousRuns(1, new Date(at.getTime() + 1));
  return previous ?? null;
}

const weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** "at 9", "at 9:30", "at 5pm", "at 17:00" -> [hour, minute]. */
function timeOf(text: string): [number, number] | null {
  const m = /\bat\s+(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\b/.exec(text);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  if (m[3] === "pm" && hour < 12) hour += 12;
  if (m[3] === "am" && hour === 12) hour = 0;
  // "at 25:00" is refused, never read as the default 9:00.
  if (hour > 23 || minute > 59 || (m[3] && Number(m[1]) > 12))
    throw new PulseError(
      "query_invalid",
      `"${m[0].slice(3)}" is not a time of day: hours go from 0 to 23 and minutes from 0 to 59.`,
    );
  return [hour, minute];
}

/**
 * A schedule in words as a cron pattern: "every Monday at 9", "every day at
 * 8:30", "every weekday at 9am", "every hour", "every month on the 1st at 9".
 * Returns null when the words name no schedule; throws a PulseError for an
 * impossible time ("at 25:00").
 */
export function scheduleFromWords(words: string): string | null {
  const text = words.toLowerCase();
  const cron = /\bcron\s+"?([0-9*,/\- ]+?)"?\s*$/.exec(text);
  if (cron) return cron[1]!.trim();
  const [hour, minute] = timeOf(text) ?? [9, 0];
  if (/\bevery\s+hour\b|\bhourly\b/.test(text)) return `${minute} * * * *`;
  const day = weekdays.findIndex((d) =>
    new RegExp(`\\b(?:every|each|on)\\s+${d}s?\\b|\\b${d}s\\b`).test(text),
  );
  if (day >= 0) return `${minute} ${hour} * * ${day}`;
  if (/\bweekdays?\b|\bworking days?\b/.test(text)) return `${minute} ${hour} * * 1-5`;
  if (/\bevery\s+week\b|\bweekly\b/.test(text)) return `${minute} ${hour} * * 1`;
  const monthDay =
    /\b(?:every|each)\s+month\b(?:\s+on\s+the\s+(\d{1,2})(?:st|nd|rd|th)?)?|\bmonthly\b/.exec(text);
  if (monthDay) return `${minute} ${hour} ${monthDay[1] ?? 1} * *`;
  if (/\bevery\s+(?:day|morning|evening)\b|\bdaily\b/.test(text) || timeOf(text))
    return `${minute} ${hour} * * *`;
  return null;
}

/** The default evaluation schedule of threshold, change and anomaly rules: hourly. */
export const DEFAULT_CHECK_SCHEDULE = "0 * * * *";
