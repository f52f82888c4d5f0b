/** What a vendor sync hands the runner: pages of Pulse rows, each with the cursor to store once it is written. */
import type { Queryable } from "../../db/client.js";
import type { TableName } from "../import/tables.js";
import type { Workspace } from "../workspace/workspace.js";

export type SyncSourceName = "stripe" | "shopify" | "hubspot";

export interface SyncPage {
  /** The stream the page belongs to ("charges", "orders"): one cursor each. */
  stream: string;
  table: TableName;
  rows: Record<string, string | number | null>[];
  /** Stored with the rows: a resumed sync starts after this page; none for a page that only completes another. */
  cursor?: string;
  /** Orders may name customers the vendor has no record of (guest checkouts): created at their first order. */
  createCustomers?: boolean;
  /** Objects of the page that are no rows, counted by why ("failed or pending charges: no sale"). */
  leftOut?: Record<string, number>;
  /** How many of the vendor's objects the page read (before leaving any out). */
  fetched: number;
}

export interface SyncSource {
  name: SyncSourceName;
  /** Every page since the stored cursors, in an order that makes each page's cursor safe to store. */
  pages(cursors: ReadonlyMap<string, string>, context: SyncContext): AsyncIterable<SyncPage>;
}

/** The workspace a sync writes to (its currency: rows in another are never mixed in). */
export interface SyncContext {
  workspace: Workspace;
  db: Queryable;
}
