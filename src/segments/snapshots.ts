/**
 * The segment dimension at scale: the RFM segments of a workspace as of an
 * instant are scored once (segmentsSql, seconds at 100k customers) and kept
 * in customer_segments until its orders change; queries read the kept rows
 * (milliseconds). Every statement that writes orders bumps the workspace's
 * order_versions row (triggers, migration 0011), and only a snapshot of the
 * current version is used, so a kept snapshot is never stale: the results are
 * those of scoring afresh.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { segmentsSql } from "./rfm.js";

/**
 * Snapshots older than this are dropped when a new one is made: no longer
 * current, or a day old. A query that chose a snapshot reads it well within
 * the grace period, so dropping never pulls rows from under it.
 */
const GRACE = sql`interval '10 minutes'`;
const KEEP = sql`interval '1 day'`;

/**
 * (customer_id, segment) of every customer with orders before `to` (a
 * workspace-local date), read from a kept snapshot that is made first when
 * missing. Customers without orders have no row, as in segmentsSql.
 */
export async function segmentsAsOf(
  db: Queryable,
  workspaceId: string,
  to: string,
  timezone: string,
): Promise<SQL> {
  const until = sql`(${to}::date::timestamp at time zone ${timezone})`;
  // Read before the orders are scored: rows written after this moment at worst make the
  // snapshot look older than it is (it is made again), never newer.
  const [current] = await db.rows<{ version: string }>(
    sql`select coalesce((select version from order_versions where workspace_id = ${workspaceId}), 0)::text as version`,
  );
  const version = current!.version;
  const kept = await db.rows(
    sql`select 1 from segment_snapshots
      where workspace_id = ${workspaceId} and until = ${until} and version = ${version}::bigint`,
  );
  if (kept.length === 0) {
    await db.rows(
      sql`delete from segment_snapshots where workspace_id = ${workspaceId}
        and computed_at < now() - ${GRACE}
        and (version < ${version}::bigint or computed_at < now() - ${KEEP})`,
    );
    // One statement: the snapshot and its rows appear together or not at all. When another
    // process makes the same snapshot at once, the second insert finds it and adds nothing.
    await db.rows(
      sql`with snapshot as (
          insert into segment_snapshots (workspace_id, until, version)
          values (${workspaceId}, ${until}, ${version}::bigint)
          on conflict do nothing
          returning workspace_id, until, version
        )
        insert into customer_segments (workspace_id, until, version, customer_id, segment)
        select snapshot.workspace_id, snapshot.until, snapshot.version, s.customer_id, s.segment
        from snapshot cross join (${segmentsSql(workspaceId, to, timezone)}) s`,
    );
    // Fresh statistics, or the planner guesses one row per snapshot and joins it to the
    // customers by scanning it once per customer (8.8 s instead of 15 ms on the demo,
    // always on PGlite, which has no autovacuum to gather them).
    await db.rows(sql`analyze customer_segments`);
  }
  return sql`select customer_id, segment from customer_segments
    where workspace_id = ${workspaceId} and until = ${until} and version = ${version}::bigint`;
}
