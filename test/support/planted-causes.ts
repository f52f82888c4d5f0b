/**
 * A small business with eighteen months of noisy but steady history (June
 * 2025 to November 2026) and, in November 2026 only, one planted cause; one
 * workspace per cause, the same seed for all, so October 2026 is a control
 * month with noise only. Deterministic: the same seed gives the same rows.
 *
 * - `channel_orders`: customers from ads place three times their orders.
 * - `category_collapse`: nine in ten tea orders are not placed.
 * - `plan_churn`: basic customers churn three times as often.
 * - `country_signups`: three times the sign-ups from Estonia.
 * - `owner_win_rate`: Aino wins one deal in ten instead of one in two.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { type Random, seeded } from "../../db/demo/random.js";
import { addMonths } from "../../src/metrics/calendar.js";
import { ensureWorkspace } from "../../src/workspace/workspace.js";
import { insert } from "./planted-churn.js";

export type Plant =
  | "none"
  | "channel_orders"
  | "category_collapse"
  | "plan_churn"
  | "country_signups"
  | "owner_win_rate";

export const plants: readonly Plant[] = [
  "none",
  "channel_orders",
  "category_collapse",
  "plan_churn",
  "country_signups",
  "owner_win_rate",
];

export const plantedMonth = { from: "2026-11-01", to: "2026-12-01" };
export const controlMonth = { from: "2026-10-01", to: "2026-11-01" };
const FIRST_MONTH = "2025-06-01";
const MONTHS = 18;
const DAY = 86_400_000;

/** The workspace of one cause, or of several planted together. */
export const plantedContext = (plant: Plant | readonly Plant[]) => ({
  workspaceId: `planted_${typeof plant === "string" ? plant : plant.join("_")}`,
  timezone: "UTC",
});

const countries = [
  ["FI", 40],
  ["EE", 20],
  ["SE", 25],
  ["DE", 15],
] as const;
const plans = [
  ["basic", 50],
  ["pro", 35],
  ["plus", 15],
] as const;
const channels = [
  ["organic", 45],
  ["ads", 30],
  ["referral", 25],
] as const;
const categories = [
  ["coffee", 50],
  ["tea", 30],
  ["gear", 20],
] as const;
const owners = ["Aino", "Ben", "Cara", "Dan"] as const;
const monthlyChurn: Record<string, number> = { basic: 0.04, pro: 0.02, plus: 0.03 };

const at = (random: Random, month: string): string =>
  new Date(Date.parse(`${month}T00:00:00Z`) + random.next() * 28 * DAY).toISOString();

export async function loadPlantedCauses(
  db: Database,
  planting: Plant | readonly Plant[],
): Promise<void> {
  const planted = new Set<Plant>(typeof planting === "string" ? [planting] : planting);
  const random = seeded(26);
  const ws = plantedContext(planting).workspaceId;
  await ensureWorkspace(db, ws);
  const months = Array.from({ length: MONTHS }, (_, i) => addMonths(FIRST_MONTH, i));
  const plantedIn = (plant: Plant, month: string) =>
    planted.has(plant) && month === plantedMonth.from;
  const customers: SQL[] = [];
  const orders: SQL[] = [];
  const deals: SQL[] = [];
  // Deals: about 300 closed a month, half of them won, each created 20 days before.
  const closeDeals = (month: string, m: number) => {
    const closing = 290 + random.int(0, 20);
    for (let d = 0; d < closing; d++) {
      const owner = random.pick(owners);
      const winRate = plantedIn("owner_win_rate", month) && owner === "Aino" ? 0.1 : 0.5;
      const closed = at(random, month);
      const created = new Date(Date.parse(closed) - 20 * DAY).toISOString();
      deals.push(
        sql`(${ws}, ${`d${m}-${d}`}, ${random.chance(winRate) ? "won" : "lost"}, ${random.int(1, 10) * 1000}, ${owner}, ${random.pick(["web", "event"])}, ${created}::timestamptz, ${closed}::timestamptz)`,
      );
    }
  };
  let n = 0;
  for (const [m, month] of months.entries()) {
    // Sign-ups: about 60 a month, more from Estonia when planted.
    const signups = 55 + random.int(0, 10);
    const joining: (typeof countries)[number][0][] = [];
    for (let i = 0; i < signups; i++) joining.push(random.weighted(countries));
    // Estonia's usual 12 sign-ups, twice more.
    if (plantedIn("country_signups", month)) for (let i = 0; i < 24; i++) joining.push("EE");
    for (const country of joining) {
      const id = `c${n++}`;
      const plan = random.weighted(plans);
      const channel = random.weighted(channels);
      const signup = at(random, month);
      let churned: string | null = null;
      for (const later of months.slice(m)) {
        const ordersThisMonth =
          random.poisson(1.2) * (plantedIn("channel_orders", later) && channel === "ads" ? 3 : 1);
        for (let o = 0; o < ordersThisMonth; o++) {
          const category = random.weighted(categories);
          const amount = random.int(20, 80);
          if (plantedIn("category_collapse", later) && category === "tea" && random.chance(0.9))
            continue;
          orders.push(
            sql`(${ws}, ${`${id}-${later}-${o}`}, ${id}, ${at(random, later)}::timestamptz, ${amount}, ${category})`,
          );
        }
        const tripled = plantedIn("plan_churn", later) && plan === "basic" ? 3 : 1;
        if (later !== month && random.chance(monthlyChurn[plan]! * tripled)) {
          churned = at(random, later);
          break;
        }
      }
      customers.push(
        sql`(${ws}, ${id}, ${country}, ${random.pick(["f", "m"])}, ${plan}, ${channel}, ${signup}::timestamptz, ${churned}::timestamptz)`,
      );
    }
    closeDeals(month, m);
  }
  // The deals closing in the month after hold the pipeline at the end of the last one.
  closeDeals(addMonths(plantedMonth.from, 1), MONTHS);
  await insert(
    db,
    "customers",
    "workspace_id, id, country, gender, plan, channel, signup_at, churned_at",
    customers,
  );
  await insert(db, "orders", "workspace_id, id, customer_id, ordered_at, amount, category", orders);
  await insert(
    db,
    "deals",
    "workspace_id, id, stage, amount, owner, source, created_at, closed_at",
    deals,
  );
}
