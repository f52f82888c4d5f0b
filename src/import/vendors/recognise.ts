/**
 * Which vendor's export a file is, from its header alone. The more specific
 * signatures come first: a Stripe subscriptions export also has the columns
 * of a customers one.
 */
import type { RowProblem } from "../errors.js";
import type { Header, Reading } from "../reading.js";
import type { TableName } from "../tables.js";
import type { ExportKind } from "./export-kind.js";
import { hubspotCompanies, hubspotContacts, hubspotDeals } from "./hubspot.js";
import { shopifyCustomers, shopifyOrders } from "./shopify.js";
import { stripeCustomers, stripePayments, stripeSubscriptions } from "./stripe.js";

export const exportKinds: readonly ExportKind[] = [
  stripeSubscriptions,
  stripePayments,
  stripeCustomers,
  shopifyOrders,
  shopifyCustomers,
  hubspotDeals,
  hubspotContacts,
  hubspotCompanies,
];

export function recogniseExport(
  header: Header,
  file: string,
): { table: TableName; reading: Reading } | { problems: RowProblem[] } {
  const kind = exportKinds.find((k) => k.matches(header));
  if (kind) return { table: kind.table, reading: kind.read(header) };
  return {
    problems: [
      {
        file,
        line: 1,
        column: "header",
        problem: `not an export Pulse recognises (${exportKinds.map((k) => k.name.replace(" export", "")).join(", ")}): name the table and the columns, e.g. pulse import orders ${file} --map id=...,customer_id=...,ordered_at=...,amount=...`,
      },
    ],
  };
}
