/**
 * When a rule is checked or a digest sent, as the words give it (alerts.md's
 * `schedule`): "every monday 9am", "weekdays at 9", "daily at 08:30 Helsinki
 * time", "each morning at 7", "tue and thu", "on the 1st", "hourly". The
 * finest schedule is hourly; a time that does not exist (25:00) and "every 0
 * minutes" are refused with the reason.
 */
import type { ScheduleSpec, Weekday } from "../request.js";

export interface ScheduleRead {
  schedule: ScheduleSpec | null;
  /** The text with the schedule's words taken out. */
  rest: string;
  /** Why the words name no schedule that can be kept, else null. */
  problem: string | null;
}

const dayNames: [Weekday, string][] = [
  ["mon", "mon(?:day)?s?"],
  ["tue", "tue(?:s(?:day)?)?s?"],
  ["wed", "wed(?:nesday)?s?"],
  ["thu", "thu(?:r(?:s(?:day)?)?)?s?"],
  ["fri", "fri(?:day)?s?"],
  ["sat", "sat(?:urday)?s?"],
  ["sun", "sun(?:day)?s?"],
];
const DAY = dayNames.map(([, p]) => p).join("|");
const dayOf = (word: string): Weekday | null =>
  dayNames.find(([, p]) => new RegExp(`^(?:${p})$`).test(word))?.[0] ?? null;

/** "9", "9am", "9:30", "08:30", "5 pm", "noon", "midnight"; with the part of day it names. */
const CLOCK = String.raw`(?:noon|midday|midnight|\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*o'?clock)?)`;
const PART = String.raw`(?:in the )?(?:morning|afternoon|evening|night)`;

/** Zones by the city people name: "helsinki time" -> Europe/Helsinki. */
let cities: Map<string, string> | null = null;
function zoneOfCity(city: string): string | null {
  if (!cities) {
    cities = new Map([
      ["utc", "UTC"],
      ["gmt", "UTC"],
    ]);
    for (const zone of Intl.supportedValuesOf("timeZone")) {
      const name = zone.split("/").at(-1)!.toLowerCase().replace(/_/g, " ");
      if (!cities.has(name)) cities.set(name, zone);
    }
  }
  return cities.get(city) ?? null;
}

const time = (hour: number, minute: number) =>
  `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;

/** A clock time's "HH:MM", or a problem; `part` ("evening") moves a bare 7 to 19:00. */
function clockOf(words: string, part: string | undefined): { at: string } | { problem: string } {
  if (/noon|midday/.test(words)) return { at: "12:00" };
  if (/midnight/.test(words)) return { at: "00:00" };
  const m = /(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?/.exec(words)!;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  const half = m[3]?.[0];
  if (hour > 23 || minute > 59 || (half && (hour > 12 || hour === 0)))
    return {
      problem: `"${words.trim()}" is not a time of day: hours go from 0 to 23 and minutes from 0 to 59.`,
    };
  if (half === "p" && hour < 12) hour += 12;
  if (half === "a" && hour === 12) hour = 0;
  if (!half && hour < 12 && part && /afternoon|evening|night/.test(part)) hour += 12;
  return { at: time(hour, minute) };
}

/** Reads the schedule words out of a lower-case text. */
export function readSchedule(text: string): ScheduleRead {
  let rest = ` ${text} `;
  const take = (pattern: RegExp): RegExpExecArray | null => {
    const m = pattern.exec(rest);
    if (m) rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    return m;
  };
  const fine = /\bevery\s+(\d+|a few|few|couple of)?\s*(minutes?|mins?|seconds?|secs?)\b/.exec(
    rest,
  );
  if (fine) {
    const n = fine[1];
    const problem =
      n === "0"
        ? `"${fine[0].trim()}" is not a schedule: it would never wait between checks.`
        : `I check at most hourly, so I cannot check ${fine[0].trim()}: say "every hour" or a time of day.`;
    return { schedule: null, rest: text, problem };
  }
  const hours = /\bevery\s+(\d+)\s*hours?\b/.exec(rest);
  if (hours && hours[1] !== "1")
    return {
      schedule: null,
      rest: text,
      problem:
        hours[1] === "0"
          ? `"${hours[0].trim()}" is not a schedule.`
          : `I can check every hour or at times of day, not ${hours[0].trim()}: say "every hour" or "daily at 9".`,
    };

  let every: ScheduleSpec["every"] = null;
  let days: Weekday[] | null = null;
  let monthDay: ScheduleSpec["monthDay"] = null;
  let part: string | undefined;

  const zone = take(/\b(?:in\s+)?([a-z]+(?: [a-z]+)?)\s+time\b(?!\s+(?:zone|series))/);
  let timezone: string | null = null;
  if (zone) {
    const words = zone[1]!.split(" ");
    timezone = zoneOfCity(zone[1]!) ?? zoneOfCity(words.at(-1)!);
    if (!timezone) rest = `${rest} ${zone[0]}`;
  }
  const utc = timezone ? null : take(/\b(utc|gmt)\b/);
  if (utc) timezone = "UTC";

  if (take(/\b(?:every|each)\s+hour\b|\bhourly\b|\bonce an hour\b/)) every = "hour";
  else if (
    take(
      /\b(?:every|each|on)\s+(?:week ?days?|working days?|business days?|workdays?)\b|\bweek ?days\b|\bmon(?:day)?\s*(?:-|to|through|thru)\s*fri(?:day)?\b/,
    )
  )
    every = "weekday";
  else {
    const first = take(
      /\b(?:on\s+)?(?:the\s+)?first\s+(?:business|working)\s+day\s+(?:of\s+)?(?:(?:each|every|the)\s+)?(?:month)?\b/,
    );
    const nth = first
      ? null
      : take(
          /\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?:each|every|the)\s+month)?\b|\b(?:on\s+)?the\s+(first|last)\s+day\s+of\s+(?:each|every|the)\s+month\b/,
        );
    const monthly = take(/\b(?:every|each)\s+month\b|\bmonthly\b|\bonce a month\b/);
    if (first || nth || monthly) {
      every = "month";
      monthDay = first
        ? "first_business_day"
        : nth
          ? nth[1]
            ? Number(nth[1])
            : nth[2] === "first"
              ? 1
              : null
          : null;
      if (typeof monthDay === "number" && (monthDay < 1 || monthDay > 31))
        return {
          schedule: null,
          rest: text,
          problem: `A month has no day ${monthDay}.`,
        };
    } else {
      const list = take(
        new RegExp(
          String.raw`\b(?:(?:every|each|on)\s+)?((?:${DAY})(?:\s*(?:,|and|&|\+|/)\s*(?:(?:every|each|on)\s+)?(?:${DAY}))*)\b`,
        ),
      );
      if (list) {
        every = "week";
        days = [
          ...new Set(
            list[1]!
              .split(/\s*(?:,|and|&|\+|\/|\s)\s*/)
              .map(dayOf)
              .filter((d): d is Weekday => d !== null),
          ),
        ];
      } else if (take(/\b(?:every|each)\s+week\b|\bweekly\b|\bonce a week\b/)) every = "week";
      else {
        const daily = take(
          /\b(?:(?:every|each)\s+(?:day|morning|evening|night|afternoon)|daily|once a day|nightly|(?:every|each) working morning)\b/,
        );
        if (daily) {
          every = "day";
          part = /morning|evening|night|afternoon/.exec(daily[0])?.[0];
        }
      }
    }
  }

  let at: string | null = null;
  const clock = take(
    new RegExp(
      String.raw`\b(?:at|@|by|around)\s+(${CLOCK})(?:\s+(${PART}))?|\b(\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)|\d{1,2}:\d{2}|noon|midday|midnight)(?:\s+(${PART}))?`,
    ),
  );
  if (clock) {
    part = clock[2] ?? clock[4] ?? part;
    const read = clockOf(clock[1] ?? clock[3]!, part);
    if ("problem" in read) return { schedule: null, rest: text, problem: read.problem };
    at = read.at;
  }
  // "every morning" with no hour named keeps the rule's default hour.
  if (!every && !at && !timezone) return { schedule: null, rest: text, problem: null };
  rest = rest.replace(/\s+/g, " ").trim();
  return { schedule: { every, days, monthDay, at, timezone }, rest, problem: null };
}
