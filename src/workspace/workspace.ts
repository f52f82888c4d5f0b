/** A business's settings: the time zone its dates are read in and the currency its money is printed in. */
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { PulseError } from "../errors.js";

export interface Workspace {
  id: string;
  name: string;
  timezone: string;
  currency: string;
}

/** Returns the workspace, creating it with defaults (UTC, USD) on first use. */
export async function ensureWorkspace(db: Queryable, id: string): Promise<Workspace> {
  await db.rows(
    sql`insert into workspaces (id, name) values (${id}, ${id}) on conflict (id) do nothing`,
  );
  return getWorkspace(db, id);
}

export async function getWorkspace(db: Queryable, id: string): Promise<Workspace> {
  const [row] = await db.rows<{ id: string; name: string; timezone: string; currency: string }>(
    sql`select id, name, timezone, currency from workspaces where id = ${id}`,
  );
  if (!row) throw new PulseError("workspace_missing", `Workspace "${id}" does not exist.`);
  return row;
}

const isTimeZone = (zone: string): boolean => {
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
  changes: Partial<Pick<Workspace, "name" | "timezone" | "currency">>,
): Promise<Workspace> {
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
  const current = await ensureWorkspace(db, id);
  const next = { ...current, ...changes };
  await db.rows(
    sql`update workspaces set name = ${next.name}, timezone = ${next.timezone}, currency = ${next.currency} where id = ${id}`,
  );
  return next;
}

/** The workspace-local calendar date of an instant: "today" for ranges like "last month". */
export function localDate(instant: Date, timezone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}
