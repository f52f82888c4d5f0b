/**
 * A small business with two planted groups: "fragile" customers (basic plan,
 * from ads, NPS detractors, support tickets, few orders) who churn often, and
 * "loyal" ones (pro plan, referred, promoters, monthly orders) who rarely do.
 * Deterministic: the same seed gives the same rows.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { seeded } from "../../db/demo/random.js";
import { ensureWorkspace } from "../../src/workspace/workspace.js";

export const plantedWorkspace = "risk";
export const plantedNow = new Date("2026-11-01T00:00:00Z");
const DAY = 86_400_000;

/** Inserts rows 500 at a time. */
export const insert = async (db: Database, table: string, columns: string, rows: SQL[]) => {
  for (let i = 0; i < rows.length; i += 500)
    await db.rows(
      sql`insert into ${sql.raw(table)} (${sql.raw(columns)}) values ${sql.join(rows.slice(i, i + 500), sql`, `)}`,
    );
};

export async function loadPlanted(db: Database, options: { months?: number } = {}): Promise<void> {
  const random = seeded(8);
  const ws = plantedWorkspace;
  await ensureWorkspace(db, ws);
  const start = plantedNow.getTime() - (options.months ?? 24) * 30 * DAY;
  const customers: SQL[] = [];
  const orders: SQL[] = [];
  const responses: SQL[] = [];
  const events: SQL[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  for (let i = 0; i < 360; i++) {
    const fragile = i % 2 === 0;
    const id = `${fragile ? "F" : "L"}${String(i).padStart(4, "0")}`;
    const signup = start + random.next() * (plantedNow.getTime() - start - 30 * DAY);
    let churned: number | null = null;
    for (let month = 0; ; month++) {
      const from = signup + month * 30 * DAY;
      if (from >= plantedNow.getTime()) break;
      if (random.chance(fragile ? 0.3 : 0.8))
        orders.push(
          sql`(${ws}, ${`${id}-o${month}`}, ${id}, ${iso(from + 5 * DAY)}::timestamptz, ${fragile ? 20 : 80})`,
        );
      if (month % 3 === 0)
        responses.push(
          sql`(${ws}, ${`${id}-r${month}`}, ${id}, 'nps', ${fragile ? random.int(1, 6) : random.int(8, 10)}, ${iso(from + 10 * DAY)}::timestamptz)`,
        );
      if (fragile && random.chance(0.5))
        events.push(
          sql`(${ws}, ${`${id}-e${month}`}, ${id}, 'support_ticket', ${iso(from + 15 * DAY)}::timestamptz)`,
        );
      if (!fragile && random.chance(0.6))
        events.push(
          sql`(${ws}, ${`${id}-w${month}`}, ${id}, 'web_visit', ${iso(from + 12 * DAY)}::timestamptz)`,
        );
      if (random.chance(fragile ? 0.18 : 0.01)) {
        churned = from + 20 * DAY;
        break;
      }
    }
    if (churned !== null && churned >= plantedNow.getTime()) churned = null;
    customers.push(
      sql`(${ws}, ${id}, ${`Customer ${id}`}, ${fragile ? "basic" : "pro"}, ${fragile ? "ads" : "referral"}, ${iso(signup)}::timestamptz, ${churned === null ? null : iso(churned)}::timestamptz)`,
    );
  }
  await insert(
    db,
    "customers",
    "workspace_id, id, name, plan, channel, signup_at, churned_at",
    customers,
  );
  await insert(db, "orders", "workspace_id, id, customer_id, ordered_at, amount", orders);
  await insert(
    db,
    "survey_responses",
    "workspace_id, id, customer_id, kind, score, responded_at",
    responses,
  );
  await insert(db, "events", "workspace_id, id, customer_id, kind, occurred_at", events);
}
