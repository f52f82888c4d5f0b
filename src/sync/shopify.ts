/**
 * Shopify (SHOPIFY_SHOP, SHOPIFY_ACCESS_TOKEN): orders from the Admin REST
 * API, oldest change first (`updated_at_min`, `order=updated_at asc`),
 * paged by the Link header. An order changed since the last sync (paid,
 * refunded, voided) is read again, so its refunds and status stay current.
 * Each order means what its CSV export means (src/import/vendors/shopify.ts).
 */
import { orderMeaning, type ShopifyOrder } from "../import/vendors/shopify.js";
import { callJson } from "./http.js";
import { rowsOfMeanings } from "./meanings.js";
import type { SyncSource } from "./types.js";

export interface ShopifyConfig {
  accessToken: string;
  /** https://<shop>.myshopify.com, or SHOPIFY_API_URL (tests). */
  apiUrl: string;
}

/** The Admin API version read (Shopify keeps each for a year). */
const VERSION = "2024-10";

/** An order as the Admin API answers it (the fields Pulse reads). */
export interface ShopifyApiOrder {
  id: number;
  name: string;
  email: string | null;
  created_at: string;
  updated_at: string;
  currency: string;
  total_price: string;
  financial_status: string | null;
  billing_address: { country_code: string | null; name: string | null } | null;
  customer: { created_at: string } | null;
  refunds: { transactions: { kind: string; status: string; amount: string }[] }[];
}

const refundedOf = (order: ShopifyApiOrder): string =>
  order.refunds
    .flatMap((r) => r.transactions)
    .filter((t) => t.kind === "refund" && t.status === "success")
    .reduce((sum, t) => sum + Number(t.amount), 0)
    .toFixed(2);

const asExport = (order: ShopifyApiOrder): ShopifyOrder => ({
  name: order.name,
  email: order.email ?? "",
  financialStatus: order.financial_status ?? "pending",
  createdAt: order.created_at,
  currency: order.currency,
  total: order.total_price,
  refundedAmount: refundedOf(order),
  billingCountry: order.billing_address?.country_code ?? "",
  billingName: order.billing_address?.name ?? "",
});

/** `<...page_info=abc...>; rel="next"` -> that URL. */
const nextLink = (link: string | null): string | null =>
  /<([^>]+)>;\s*rel="next"/.exec(link ?? "")?.[1] ?? null;

export function shopifySource(config: ShopifyConfig): SyncSource {
  return {
    name: "shopify",
    async *pages(cursors, { workspace }) {
      const since = cursors.get("orders");
      let url: string | null =
        `${config.apiUrl.replace(/\/$/, "")}/admin/api/${VERSION}/orders.json?${new URLSearchParams(
          {
            status: "any",
            limit: "250",
            order: "updated_at asc",
            ...(since ? { updated_at_min: since } : {}),
          },
        )}`;
      while (url) {
        const { body, headers } = await callJson<{ orders: ShopifyApiOrder[] }>(
          url,
          { headers: { "x-shopify-access-token": config.accessToken } },
          { api: "Shopify", credential: "SHOPIFY_ACCESS_TOKEN" },
        );
        const orders = body.orders;
        const { rows, customers, leftOut } = rowsOfMeanings(
          orders.map((o) => ({
            meaning: orderMeaning(asExport(o)),
            signupAt: o.customer?.created_at ?? o.created_at,
          })),
          workspace,
        );
        const cursor = orders.at(-1)?.updated_at ?? since ?? "";
        if (customers.length > 0)
          yield { stream: "customers", table: "customers", rows: customers, fetched: 0 };
        yield {
          stream: "orders",
          table: "orders",
          rows,
          leftOut,
          cursor,
          createCustomers: true,
          fetched: orders.length,
        };
        url = nextLink(headers.get("link"));
      }
    },
  };
}
