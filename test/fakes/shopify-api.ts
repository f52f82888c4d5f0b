/**
 * A fake Shopify Admin REST API: GET /admin/api/2024-10/orders.json with
 * `status=any`, `updated_at_min`, `order=updated_at asc`, `limit`, paged by a
 * Link header (`page_info`), behind X-Shopify-Access-Token; 429 with
 * Retry-After; a 401 for a revoked token, in Shopify's own shapes.
 */
import type { ShopifyApiOrder } from "../../src/sync/shopify.js";
import { type FakeVendor, startFakeVendor } from "./vendor-server.js";

export type FakeShopifyOrder = ShopifyApiOrder;

export interface FakeShopify extends FakeVendor {
  orders: FakeShopifyOrder[];
}

export async function startFakeShopify(token: string): Promise<FakeShopify> {
  const orders: FakeShopifyOrder[] = [];
  /** page_info -> the query it continues and where. */
  const pages = new Map<string, { since: string | null; offset: number; limit: number }>();
  const vendor = await startFakeVendor({
    authorized: (req) => req.headers["x-shopify-access-token"] === token,
    refusal: {
      errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
    },
    tooMany: {
      errors:
        "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.",
    },
    route: ({ url }, count) => {
      if (url.pathname !== "/admin/api/2024-10/orders.json") return null;
      const info = url.searchParams.get("page_info");
      const page = info
        ? pages.get(info)!
        : {
            since: url.searchParams.get("updated_at_min"),
            offset: 0,
            limit: Number(url.searchParams.get("limit") ?? 50),
          };
      const matching = orders
        .filter((o) => !page.since || Date.parse(o.updated_at) >= Date.parse(page.since))
        .sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id - b.id);
      const slice = matching.slice(page.offset, page.offset + page.limit);
      count("orders", slice.length);
      const headers: Record<string, string> = {};
      if (page.offset + page.limit < matching.length) {
        const next = `p${pages.size + 1}`;
        pages.set(next, { ...page, offset: page.offset + page.limit });
        headers.link = `<${vendor.apiUrl}/admin/api/2024-10/orders.json?limit=${page.limit}&page_info=${next}>; rel="next"`;
      }
      return { body: { orders: slice }, headers };
    },
  });
  return Object.assign(vendor, { orders });
}
