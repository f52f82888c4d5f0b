/**
 * Platform events and who handles them. Slack resends an event it thinks was
 * lost (X-Slack-Retry-Num: at once, after a minute, after five), and any
 * Pulse process may receive the resend. A process claims an event under a
 * lease while it answers, and records it handled once the answer is out:
 * a resend while the lease is held is dropped, a resend after it lapsed (the
 * holder died mid-answer) is answered, a resend after the answer is dropped.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { holdLease, releaseLease } from "../leases/lease.js";

/** An event this process answers; `handled` once the answer is out, `dropped` to let a resend try again. */
export interface EventClaim {
  handled(): Promise<void>;
  dropped(): Promise<void>;
}

/**
 * Under Slack's first timed retry (a minute), so the retry after a holder died finds the
 * lease lapsed; renewed every third of it while the answer takes longer.
 */
export const EVENT_LEASE_MS = 30_000;

const leaseName = (key: string) => `event:${key}`;

/** Claims the event `key` (an event id, or the message it carries); null when it is handled or being handled. */
export async function claimEvent(
  db: Queryable,
  key: string,
  ttlMs = EVENT_LEASE_MS,
): Promise<EventClaim | null> {
  const holder = randomUUID();
  const name = leaseName(key);
  if (!(await holdLease(db, name, holder, ttlMs))) return null;
  // Looked at under the lease: a holder records the answer before it lets the lease go.
  const handled = await db.rows(sql`select 1 from slack_events where event_id = ${key}`);
  if (handled.length > 0) {
    await releaseLease(db, name, holder);
    return null;
  }
  const renewing = setInterval(() => {
    holdLease(db, name, holder, ttlMs).catch(() => {
      // A renewal that fails lets the lease lapse: a resend is then answered elsewhere.
    });
  }, ttlMs / 3);
  renewing.unref();
  return {
    async handled() {
      clearInterval(renewing);
      await db.rows(
        sql`insert into slack_events (event_id) values (${key}) on conflict do nothing`,
      );
      await releaseLease(db, name, holder);
    },
    async dropped() {
      clearInterval(renewing);
      await releaseLease(db, name, holder);
    },
  };
}
