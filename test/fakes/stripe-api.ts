/**
 * A fake Stripe API on a loopback port, answering in Stripe's documented
 * list shape (`{object: "list", data, has_more}`, newest first, `limit`,
 * `starting_after`, `created[gte]`, `expand[]=data.charge`) for customers,
 * charges and refunds, behind a Bearer secret key; 429s and 401s in
 * Stripe's error shape.
 */
import type { StripeCharge, StripeCustomer } from "../../src/sync/stripe.js";
import { type FakeVendor, startFakeVendor } from "./vendor-server.js";

export type FakeCharge = StripeCharge;

export interface FakeStripe extends FakeVendor {
  customers: StripeCustomer[];
  charges: StripeCharge[];
  refunds: { id: string; created: number; charge: string; amount: number }[];
  /** Called as each list page is answered; a test may kill its client there. */
  onPage?: (list: string, served: number) => void;
}

export async function startFakeStripe(key: string): Promise<FakeStripe> {
  const data = {
    customers: [] as StripeCustomer[],
    charges: [] as StripeCharge[],
    refunds: [] as FakeStripe["refunds"],
  };
  const vendor: FakeStripe = Object.assign(
    await startFakeVendor({
      authorized: (req) => req.headers.authorization === `Bearer ${key}`,
      refusal: {
        error: { type: "invalid_request_error", message: "Invalid API Key provided: sk_test_****" },
      },
      tooMany: {
        error: { type: "invalid_request_error", code: "rate_limit", message: "Too many requests" },
      },
      route: ({ url }, count) => {
        const list = /^\/v1\/(customers|charges|refunds)$/.exec(url.pathname)?.[1] as
          | keyof typeof data
          | undefined;
        if (!list) return null;
        const all = (data[list] as { id: string; created: number }[])
          .filter((o) => o.created >= Number(url.searchParams.get("created[gte]") ?? 0))
          .sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
        const after = url.searchParams.get("starting_after");
        const start = after ? all.findIndex((o) => o.id === after) + 1 : 0;
        const limit = Math.min(100, Number(url.searchParams.get("limit") ?? 10));
        let page: object[] = all.slice(start, start + limit);
        if (list === "refunds" && url.searchParams.getAll("expand[]").includes("data.charge"))
          page = (page as FakeStripe["refunds"]).map((r) => ({
            ...r,
            charge: data.charges.find((c) => c.id === r.charge) ?? r.charge,
          }));
        count(list, page.length);
        vendor.onPage?.(list, vendor.served[list] ?? 0);
        return {
          body: {
            object: "list",
            url: url.pathname,
            has_more: start + limit < all.length,
            data: page.map((o) => ({ object: list.slice(0, -1), ...o })),
          },
        };
      },
    }),
    data,
  );
  return vendor;
}
