/**
 * Platform events already handled. Slack resends an event it thinks was lost
 * (X-Slack-Retry-Num), and any Pulse process may receive the resend: the
 * database records each event id once, so only the first delivery is answered.
 */
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";

/** True for the first delivery of `eventId`, false for every repeat, across processes. */
export async function firstDelivery(db: Queryable, eventId: string): Promise<boolean> {
  const fresh = await db.rows(
    sql`insert into slack_events (event_id) values (${eventId}) on conflict do nothing returning event_id`,
  );
  return fresh.length === 1;
}
