/**
 * What an order counts for (metrics.md): revenue is its amount less what was
 * refunded of it, and an order refunded in full is no order. Every reader of
 * orders (metrics, segments, risk) sums and counts with these, as the
 * order_rollup triggers of migration 0022 do.
 */
import { type SQL, sql } from "drizzle-orm";

/** The order's net revenue; `alias` is the orders table's alias ("" for none). */
export const netAmount = (alias = ""): SQL => {
  const prefix = alias ? `${alias}.` : "";
  return sql.raw(`(${prefix}amount - ${prefix}refunded)`);
};

/** True for an order that counts as one: not refunded in full. */
export const countsAsOrder = (alias = ""): SQL => {
  const prefix = alias ? `${alias}.` : "";
  return sql.raw(`not (${prefix}refunded > 0 and ${prefix}refunded >= ${prefix}amount)`);
};
