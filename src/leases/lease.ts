/**
 * A lease: one holder at a time for a named job across every process on the
 * database (one Telegram poller, say). The holder renews it while it works;
 * when the holder dies, the lease lapses and another process takes over.
 * Leases run on the database's clock, not Pulse's: they are about real
 * processes, never business time.
 */
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";

/** Takes or renews the lease `name` for `holder`; true when `holder` has it for the next `ttlMs`. */
export async function holdLease(
  db: Queryable,
  name: string,
  holder: string,
  ttlMs: number,
): Promise<boolean> {
  const rows = await db.rows(sql`insert into leases (name, holder, expires_at)
    values (${name}, ${holder}, now() + ${ttlMs} * interval '1 millisecond')
    on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
      where leases.holder = excluded.holder or leases.expires_at < now()
    returning holder`);
  return rows.length === 1;
}

/** Gives the lease up at once, so another process need not wait for it to lapse. */
export async function releaseLease(db: Queryable, name: string, holder: string): Promise<void> {
  await db.rows(sql`delete from leases where name = ${name} and holder = ${holder}`);
}
