/**
 * Stripe (STRIPE_API_KEY): customers, charges and refunds, read with
 * Stripe's list API. A list runs newest first, so a pass over everything
 * created since the last pass stores where it is after each page
 * (`starting_after`) and, once finished, where the next pass starts (the
 * newest `created` it saw). Only succeeded charges are sales; a refund
 * reduces its charge's order (metrics.md: revenue net of refunds).
 */
import type { Workspace } from "../workspace/workspace.js";
import { callJson } from "./http.js";
import type { SyncPage, SyncSource } from "./types.js";

export interface StripeConfig {
  apiKey: string;
  /** STRIPE_API_URL (tests: a local fake); Stripe's own by default. */
  apiUrl: string;
}

interface StripeList<T> {
  object: "list";
  data: T[];
  has_more: boolean;
}

export interface StripeCustomer {
  id: string;
  created: number;
  email: string | null;
  name: string | null;
  address: { country: string | null } | null;
}

export interface StripeCharge {
  id: string;
  created: number;
  amount: number;
  amount_refunded: number;
  currency: string;
  customer: string | null;
  status: "succeeded" | "pending" | "failed";
  billing_details: { email: string | null } | null;
  receipt_email?: string | null;
}

interface StripeRefund {
  id: string;
  created: number;
  charge: StripeCharge | string;
}

/** Where a pass over one list is: started at `since`; `newest` and `after` while it runs. */
interface Pass {
  since: number;
  newest?: number;
  after?: string;
}

/** Currencies Stripe counts in whole units (its docs: zero-decimal currencies). */
const zeroDecimal = new Set(
  "BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF".split(" "),
);

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

const units = (amount: number, currency: string) =>
  zeroDecimal.has(currency.toUpperCase()) ? amount : amount / 100;

/** The customer an order belongs to: Stripe's, else the e-mail a guest paid with, else the charge alone. */
const customerOf = (charge: StripeCharge) =>
  charge.customer ?? charge.billing_details?.email ?? charge.receipt_email ?? `guest:${charge.id}`;

function orderRows(charges: StripeCharge[], workspace: Workspace) {
  const rows: SyncPage["rows"] = [];
  const leftOut: Record<string, number> = {};
  const leave = (why: string) => {
    leftOut[why] = (leftOut[why] ?? 0) + 1;
  };
  for (const charge of charges) {
    const currency = charge.currency.toUpperCase();
    if (charge.status !== "succeeded") leave("failed or pending charges (no sale)");
    else if (currency !== workspace.currency)
      leave(`charges in ${currency} (the workspace counts ${workspace.currency}; never mixed)`);
    else
      rows.push({
        id: charge.id,
        customer_id: customerOf(charge),
        ordered_at: iso(charge.created),
        amount: units(charge.amount, currency),
        refunded: units(charge.amount_refunded, currency),
      });
  }
  return { rows, leftOut };
}

export function stripeSource(config: StripeConfig): SyncSource {
  const call = <T>(path: string, params: URLSearchParams) =>
    callJson<StripeList<T>>(
      `${config.apiUrl.replace(/\/$/, "")}${path}?${params}`,
      { headers: { authorization: `Bearer ${config.apiKey}` } },
      { api: "Stripe", credential: "STRIPE_API_KEY" },
    );

  /** One pass over a list since the stream's cursor, a page at a time. */
  async function* pass<T extends { id: string; created: number }>(
    stream: string,
    path: string,
    cursor: string | undefined,
    toPage: (items: T[]) => Pick<SyncPage, "table" | "rows" | "leftOut" | "createCustomers">,
    extra: Record<string, string> = {},
  ): AsyncIterable<SyncPage> {
    const state: Pass = cursor ? JSON.parse(cursor) : { since: 0 };
    for (;;) {
      const params = new URLSearchParams({
        limit: "100",
        "created[gte]": String(state.since),
        ...extra,
      });
      if (state.after) params.set("starting_after", state.after);
      const { body } = await call<T>(path, params);
      const items = body.data;
      const newest = state.newest ?? items[0]?.created ?? state.since;
      const done = !body.has_more || items.length === 0;
      const next: Pass = done
        ? { since: newest }
        : { since: state.since, newest, after: items.at(-1)!.id };
      yield { stream, ...toPage(items), cursor: JSON.stringify(next), fetched: items.length };
      if (done) return;
      Object.assign(state, next);
    }
  }

  return {
    name: "stripe",
    async *pages(cursors, { workspace }) {
      yield* pass<StripeCustomer>(
        "customers",
        "/v1/customers",
        cursors.get("customers"),
        (items) => ({
          table: "customers",
          rows: items.map((c) => ({
            id: c.id,
            name: c.name,
            email: c.email,
            country: c.address?.country ?? null,
            signup_at: iso(c.created),
          })),
        }),
      );
      yield* pass<StripeCharge>("charges", "/v1/charges", cursors.get("charges"), (items) => ({
        table: "orders",
        createCustomers: true,
        ...orderRows(items, workspace),
      }));
      // A refund changes a charge made before: its order is written again with the amount refunded.
      yield* pass<StripeRefund>(
        "refunds",
        "/v1/refunds",
        cursors.get("refunds"),
        (items) => ({
          table: "orders",
          createCustomers: true,
          ...orderRows(
            items.flatMap((r) => (typeof r.charge === "object" ? [r.charge] : [])),
            workspace,
          ),
        }),
        { "expand[]": "data.charge" },
      );
    },
  };
}
