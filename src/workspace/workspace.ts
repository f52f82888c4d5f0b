/**
 * A business's settings: the time zone its dates are read in, the currency its
 * money is printed in, and the inactivity window after which a customer
 * without churned_at counts as churned.
 */
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { PulseError } from "../errors.js";
import { type CalendarId, calendarIds, isCalendar } from "../language/calendars.js";

export interface Workspace {
  id: string;
  name: string;
  timezone: string;
  currency: string;
  /** A customer without churned_at churns this many days after their last order (metrics.md "Ranges"); null: never. */
  churnAfterDays: number | null;
  /** The calendar relative words follow ("last month" in Tehran is the last Persian month). */
  calendar: CalendarId;
}

/** Returns the workspace, creating it with defaults (UTC, USD) on first use. */
export async function ensureWorkspace(db: Queryable, id: string): Promise<Workspace> {
  await db.rows(
    sql`insert into workspaces (id, name) values (${id}, ${id}) on conflict (id) do nothing`,
  );
  return getWorkspace(db, id);
}

/** How answers name the churn rule when a window is set: "no order for 90 days". */
export const churnRuleText = (days: number): string => `no order for ${days} days`;

export async function getWorkspace(db: Queryable, id: string): Promise<Workspace> {
  const [row] = await db.rows<{
    id: string;
    name: string;
    timezone: string;
    currency: string;
    churnAfterDays: number | null;
    calendar: string;
  }>(
    sql`select id, name, timezone, currency, churn_after_days as "churnAfterDays", calendar from workspaces where id = ${id}`,
  );
  if (!row) throw new PulseError("workspace_missing", `Workspace "${id}" does not exist.`);
  return {
    ...row,
    calendar: isCalendar(row.calendar) ? row.calendar : "gregorian",
    churnAfterDays: row.churnAfterDays === null ? null : Number(row.churnAfterDays),
  };
}

/** The workspace's churn window in days, or null (no window, or no such workspace). */
export async function churnWindowOf(db: Queryable, id: string): Promise<number | null> {
  const [row] = await db.rows<{ days: number | null }>(
    sql`select churn_after_days as days from workspaces where id = ${id}`,
  );
  return row?.days == null ? null : Number(row.days);
}

export const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** Changes a workspace's settings; a zone or currency the runtime does not know is refused. */
export async function updateWorkspace(
  db: Queryable,
  id: string,
  changes: Partial<Pick<Workspace, "name" | "timezone" | "currency" | "churnAfterDays">> & {
    calendar?: string;
  },
): Promise<Workspace> {
  const days = changes.churnAfterDays;
  if (
    days !== undefined &&
    days !== null &&
    !(Number.isInteger(days) && days > 0 && days <= 3650)
  ) {
    throw new PulseError(
      "config_invalid",
      `The churn window is a whole number of days from 1 to 3650 (or off), got ${days}.`,
    );
  }
  if (changes.timezone !== undefined && !isTimeZone(changes.timezone)) {
    throw new PulseError(
      "config_invalid",
      `"${changes.timezone}" is not an IANA time zone (for example Europe/Helsinki).`,
    );
  }
  if (changes.currency !== undefined && !/^[A-Z]{3}$/.test(changes.currency)) {
    throw new PulseError(
      "config_invalid",
      `"${changes.currency}" is not an ISO 4217 currency code (for example EUR).`,
    );
  }
  if (changes.calendar !== undefined && !isCalendar(changes.calendar)) {
    throw new PulseError(
      "config_invalid",
      `"${changes.calendar}" is not a calendar Pulse knows (${calendarIds.join(", ")}).`,
    );
  }
  const current = await ensureWorkspace(db, id);
  const next = { ...current, ...changes } as Workspace;
  await db.rows(
    sql`update workspaces set name = ${next.name}, timezone = ${next.timezone}, currency = ${next.currency}, churn_after_days = ${next.churnAfterDays}, calendar = ${next.calendar} where id = ${id}`,
  );
  return next;
}

/** The workspace-local calendar date of an instant: "today" for ranges like "last month". */
export function localDate(instant: Date, timezone: string): string {
  return dayFormat(timezone).format(instant);
}

/** A formatter per zone, made once: making one costs more than the formatting (every question asks). */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timezone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone: timezone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(timezone, format);
  }
  return format;
}
