/**
 * How long a mute or pause lasts (alerts.md's `until`): "until monday" is
 * Monday 00:00 in the workspace's zone, "for 2 hours" is now + 2 h, "until
 * tomorrow", "until next week", "until 5pm", "until december 1", "for the
 * weekend". Returned as an ISO instant written in the workspace's offset
 * ("2026-11-23T00:00:00+02:00").
 */
import { addDays, addMonths, startOf } from "../../metrics/calendar.js";
import { localDate } from "../../workspace/workspace.js";

/** The zone's offset at an instant, in minutes east of UTC. */
function offsetMinutes(instant: number, zone: string): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(new Date(instant))
    .find((p) => p.type === "timeZoneName")!.value;
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

const iso = (instant: number, zone: string): string => {
  const offset = offsetMinutes(instant, zone);
  const local = new Date(instant + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
};

/** The instant of a local date and time in a zone. */
function instantOf(date: string, hhmm: string, zone: string): number {
  const guess = Date.parse(`${date}T${hhmm}:00Z`);
  const first = guess - offsetMinutes(guess, zone) * 60_000;
  return guess - offsetMinutes(first, zone) * 60_000;
}

const weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const spans: Record<string, number> = { minute: 1, min: 1, hour: 60, day: 1440, week: 10080 };

export interface UntilRead {
  until: string | null;
  rest: string;
}

/** Reads "until ..." or "for ..." out of a lower-case text; `now` is the instant the words were said. */
export function readUntil(text: string, now: Date, zone: string): UntilRead {
  const today = localDate(now, zone);
  const at = (date: string, hhmm = "00:00") => iso(instantOf(date, hhmm, zone), zone);
  const none = { until: null, rest: text };
  const span =
    /\b(?:for|during)\s+(?:the\s+)?(?:next\s+)?(an?|one|two|three|four|five|six|seven|\d+)?\s*(minutes?|mins?|hours?|days?|weeks?)\b/.exec(
      text,
    );
  const cut = (m: RegExpExecArray) =>
    `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, " ").trim();
  if (span) {
    const word = span[1] ?? "1";
    const spelt = ["one", "two", "three", "four", "five", "six", "seven"].indexOf(word) + 1;
    const n = /^an?$/.test(word) ? 1 : spelt > 0 ? spelt : Number(word);
    const unit = span[2]!.replace(/s$/, "");
    return {
      until: iso(now.getTime() + n * spans[unit]! * 60_000, zone),
      rest: cut(span),
    };
  }
  const weekend = /\b(?:for|over)\s+the\s+weekend\b/.exec(text);
  const until =
    weekend ??
    /\b(?:until|till|til|untill|through|thru|to)\s+(?:the\s+)?([a-z0-9 :]+?)\s*$/.exec(text);
  if (!until) return none;
  const words = weekend ? "monday" : until[1]!;
  let date: string | null = null;
  let hhmm = "00:00";
  if (/^tomorrow/.test(words)) date = addDays(today, 1);
  else if (/^(?:the\s+)?(?:end of (?:the )?week|next week)/.test(words))
    date = addDays(startOf(today, "week"), 7);
  else if (/^(?:the\s+)?(?:end of (?:the )?month|next month)/.test(words))
    date = addMonths(startOf(today, "month"), 1);
  else if (/^(?:next\s+)?(?:mon|tue|wed|thu|fri|sat|sun)/.test(words)) {
    const target = weekdays.findIndex((d) => words.replace(/^next\s+/, "").startsWith(d));
    const current = new Date(`${today}T00:00:00Z`).getUTCDay();
    date = addDays(today, (target - current + 7) % 7 || 7);
  } else {
    const m = new RegExp(
      `^(${months.join("|")})[a-z]*\\s*(\\d{1,2})?|^(\\d{1,2})(?:st|nd|rd|th)?\\s+(${months.join("|")})`,
    ).exec(words);
    const clock = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/.exec(words);
    if (m) {
      const month = months.indexOf((m[1] ?? m[4])!) + 1;
      const dayOfMonth = Number(m[2] ?? m[3] ?? 1);
      const year = Number(today.slice(0, 4));
      const candidate = `${year}-${String(month).padStart(2, "0")}-${String(dayOfMonth).padStart(2, "0")}`;
      date = candidate > today ? candidate : `${year + 1}${candidate.slice(4)}`;
    } else if (clock && (clock[2] || clock[3])) {
      let hour = Number(clock[1]);
      if (clock[3] === "pm" && hour < 12) hour += 12;
      if (clock[3] === "am" && hour === 12) hour = 0;
      hhmm = `${String(hour).padStart(2, "0")}:${clock[2] ?? "00"}`;
      date = today;
    }
  }
  if (!date) return none;
  return { until: at(date, hhmm), rest: cut(until) };
}
