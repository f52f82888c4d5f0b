/**
 * A vendor's objects read through the meaning its export has
 * (src/import/vendors): the rows of the table, the customers they name, and
 * what is no row, counted by why. A row in another currency than the
 * workspace's is left out, never mixed in.
 */
import type { Meaning } from "../import/reading.js";
import type { Workspace } from "../workspace/workspace.js";
import type { SyncPage } from "./types.js";

type Row = SyncPage["rows"][number];

export function rowsOfMeanings(
  items: { meaning: Meaning; signupAt?: string }[],
  workspace: Workspace,
): { rows: Row[]; customers: Row[]; leftOut: Record<string, number> } {
  const rows: Row[] = [];
  const customers = new Map<string, Row>();
  const leftOut: Record<string, number> = {};
  const leave = (why: string) => {
    leftOut[why] = (leftOut[why] ?? 0) + 1;
  };
  for (const { meaning, signupAt } of items) {
    if ("skip" in meaning) leave(meaning.skip);
    else if ("problem" in meaning)
      leave(`unreadable (${meaning.problem.column}: ${meaning.problem.problem})`);
    else {
      const { currency, ...cells } = meaning.cells;
      if (currency && currency.toUpperCase() !== workspace.currency) {
        leave(
          `rows in ${currency.toUpperCase()} (the workspace counts ${workspace.currency}; never mixed)`,
        );
        continue;
      }
      const row: Row = {};
      const customer: Row = {};
      for (const [key, value] of Object.entries(cells)) {
        if (key.startsWith("customer.")) customer[key.slice("customer.".length)] = value || null;
        else row[key] = value === "" ? null : value;
      }
      rows.push(row);
      const id = row.customer_id;
      if (typeof id === "string" && signupAt)
        customers.set(id, { id, ...customer, signup_at: signupAt });
    }
  }
  return { rows, customers: [...customers.values()], leftOut };
}
