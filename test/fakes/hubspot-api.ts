/**
 * A fake HubSpot CRM API: POST /crm/v3/objects/deals/search (one filter on
 * hs_lastmodifieddate GT, sorted ascending, `limit`, `after` paging) and GET
 * /crm/v3/owners, behind a Bearer private-app token; 429 and 401 in
 * HubSpot's own shapes.
 */
import { type FakeVendor, startFakeVendor } from "./vendor-server.js";

export interface FakeDeal {
  id: string;
  properties: Record<string, string | null>;
}

export interface FakeHubSpot extends FakeVendor {
  deals: FakeDeal[];
  owners: { id: string; firstName: string; lastName: string; email: string }[];
}

export async function startFakeHubSpot(token: string): Promise<FakeHubSpot> {
  const deals: FakeDeal[] = [];
  const owners: FakeHubSpot["owners"] = [];
  const modified = (d: FakeDeal) => Date.parse(d.properties.hs_lastmodifieddate ?? "0");
  const vendor = await startFakeVendor({
    authorized: (req) => req.headers.authorization === `Bearer ${token}`,
    refusal: {
      status: "error",
      message: "Authentication credentials not found.",
      category: "INVALID_AUTHENTICATION",
    },
    tooMany: {
      status: "error",
      message: "You have reached your secondly limit.",
      errorType: "RATE_LIMIT",
    },
    route: ({ url, method, body }, count) => {
      if (url.pathname === "/crm/v3/owners" && method === "GET")
        return { body: { results: owners } };
      if (url.pathname !== "/crm/v3/objects/deals/search" || method !== "POST") return null;
      const search = body as {
        filterGroups: { filters: { propertyName: string; operator: string; value: string }[] }[];
        limit: number;
        after?: string;
      };
      const filter = search.filterGroups[0]?.filters[0];
      const since = filter ? Number(filter.value) : 0;
      const matching = deals
        .filter((d) => modified(d) > since)
        .sort((a, b) => modified(a) - modified(b));
      const offset = Number(search.after ?? 0);
      const slice = matching.slice(offset, offset + search.limit);
      count("deals", slice.length);
      const more = offset + search.limit < matching.length;
      return {
        body: {
          total: matching.length,
          results: slice,
          ...(more ? { paging: { next: { after: String(offset + search.limit) } } } : {}),
        },
      };
    },
  });
  return Object.assign(vendor, { deals, owners });
}
