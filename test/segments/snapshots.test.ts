/**
 * The segment dimension reads kept RFM scores (src/segments/snapshots.ts):
 * scored once per range end, never stale after orders change.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runMetricQuery } from "../../src/metrics/query.js";
import { segmentsSql } from "../../src/segments/rfm.js";
import { drivers } from "../support/databases.js";
import { context, shopDatabase } from "../support/shop.js";

const october = { from: "2026-10-01", to: "2026-11-01" };

describe.each(drivers)("kept segments on $name", (driver) => {
  const shop = shopDatabase(() => driver.open());

  const bySegment = async () =>
    Object.fromEntries(
      (
        await runMetricQuery(
          shop.db,
          { metric: "active_customers", ...october, groupBy: "segment" },
          context,
        )
      ).groups!.map((g) => [g.key, g.value]),
    );
  const snapshots = () =>
    shop.db.rows<{ version: string; computed_at: string }>(
      sql`select version::text, computed_at::text from segment_snapshots where workspace_id = 'shop' order by version`,
    );
  const kept = (version: string) =>
    shop.db.rows<{ customer_id: string; segment: string }>(
      sql`select customer_id, segment from customer_segments
        where workspace_id = 'shop' and version = ${version}::bigint order by customer_id`,
    );
  const fresh = () =>
    shop.db.rows<{ customer_id: string; segment: string }>(
      sql`select customer_id, segment from (${segmentsSql("shop", october.to, "UTC")}) s order by customer_id`,
    );

  it("scores once per range end and reuses the scores while the orders are unchanged", async () => {
    const first = await bySegment();
    const made = await snapshots();
    expect(made).toHaveLength(1);
    expect(await bySegment()).toEqual(first);
    expect(await snapshots()).toEqual(made);
    expect(await kept(made[0]!.version)).toEqual(await fresh());
  });

  it("scores again after orders are written, equal to scoring afresh", async () => {
    const before = await snapshots();
    // c5 orders big: their monetary and frequency scores rise.
    await shop.db.rows(sql`insert into orders (workspace_id, id, customer_id, ordered_at, amount)
      values ('shop', 'big1', 'c5', '2026-10-30T10:00:00Z', 5000),
             ('shop', 'big2', 'c5', '2026-10-30T11:00:00Z', 5000)`);
    await bySegment();
    const after = await snapshots();
    const newest = after.at(-1)!;
    expect(BigInt(newest.version)).toBeGreaterThan(BigInt(before.at(-1)!.version));
    expect(await kept(newest.version)).toEqual(await fresh());
    await shop.db.rows(
      sql`delete from orders where workspace_id = 'shop' and id in ('big1', 'big2')`,
    );
    await bySegment();
    expect(await kept((await snapshots()).at(-1)!.version)).toEqual(await fresh());
  });

  it("drops superseded scores once no query can still be reading them", async () => {
    await shop.db.rows(
      sql`update segment_snapshots set computed_at = now() - interval '1 hour' where workspace_id = 'shop'`,
    );
    await shop.db.rows(
      sql`update orders set amount = amount where workspace_id = 'shop' and id = 'o1'`,
    );
    await bySegment();
    const left = await snapshots();
    expect(left).toHaveLength(1);
    expect(
      await shop.db.rows(
        sql`select 1 from customer_segments where workspace_id = 'shop' and version <> ${left[0]!.version}::bigint`,
      ),
    ).toEqual([]);
  });
});
