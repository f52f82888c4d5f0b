/**
 * A fake Stripe API on a loopback port, answering in Stripe's documented
 * list shape (`{object: "list", data, has_more}`, newest first, `limit`,
 * `starting_after`, `created[gte]`, `expand[]=data.charge`) for customers,
 * charges and refunds, behind a Bearer secret key. It counts what it served,
 * can be scripted to answer 429s, and its key can be revoked.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeCharge {
  id: string;
  created: number;
  amount: number;
  amount_refunded: number;
  currency: string;
  customer: string | null;
  status: "succeeded" | "pending" | "failed";
  billing_details: { email: string | null };
}

export interface FakeStripe {
  apiUrl: string;
  customers: {
    id: string;
    created: number;
    email: string | null;
    name: string | null;
    address: { country: string } | null;
  }[];
  charges: FakeCharge[];
  refunds: { id: string; created: number; charge: string; amount: number }[];
  /** Objects served per list: what a sync fetched. */
  served: Record<string, number>;
  /** Requests answered, in order (path and query). */
  requests: string[];
  /** The next `times` requests are answered 429 (Retry-After: seconds). */
  rateLimit(times: number, retryAfterSeconds?: number): void;
  /** Every later request is answered 401, as for a rolled key. */
  revoke(): void;
  /** Called before each list page is answered; the test may kill its client there. */
  onPage?: (list: string, served: number) => void;
  close(): Promise<void>;
}

export async function startFakeStripe(key: string): Promise<FakeStripe> {
  let limited = 0;
  let retryAfter = 0;
  let revoked = false;
  const fake = {
    customers: [],
    charges: [],
    refunds: [],
    served: {},
    requests: [],
    rateLimit(times: number, seconds = 0) {
      limited = times;
      retryAfter = seconds;
    },
    revoke() {
      revoked = true;
    },
  } as unknown as FakeStripe;

  const json = (
    res: import("node:http").ServerResponse,
    status: number,
    body: unknown,
    headers = {},
  ) =>
    res
      .writeHead(status, { "content-type": "application/json", ...headers })
      .end(JSON.stringify(body));

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    fake.requests.push(`${url.pathname}${url.search}`);
    if (revoked || req.headers.authorization !== `Bearer ${key}`)
      return json(res, 401, {
        error: { type: "invalid_request_error", message: "Invalid API Key provided: sk_test_****" },
      });
    if (limited > 0) {
      limited--;
      return json(
        res,
        429,
        {
          error: {
            type: "invalid_request_error",
            code: "rate_limit",
            message: "Too many requests",
          },
        },
        { "retry-after": String(retryAfter) },
      );
    }
    const list = /^\/v1\/(customers|charges|refunds)$/.exec(url.pathname)?.[1];
    if (!list)
      return json(res, 404, { error: { message: `Unrecognized request URL (${url.pathname})` } });
    const all = (fake[list as "customers"] as { id: string; created: number }[])
      .filter((o) => o.created >= Number(url.searchParams.get("created[gte]") ?? 0))
      .sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
    const after = url.searchParams.get("starting_after");
    const start = after ? all.findIndex((o) => o.id === after) + 1 : 0;
    const limit = Math.min(100, Number(url.searchParams.get("limit") ?? 10));
    let data: unknown[] = all.slice(start, start + limit);
    if (list === "refunds" && url.searchParams.getAll("expand[]").includes("data.charge"))
      data = (data as FakeStripe["refunds"]).map((r) => ({
        ...r,
        object: "refund",
        charge: fake.charges.find((c) => c.id === r.charge) ?? r.charge,
      }));
    fake.served[list] = (fake.served[list] ?? 0) + data.length;
    fake.onPage?.(list, fake.served[list]!);
    json(res, 200, {
      object: "list",
      url: url.pathname,
      has_more: start + limit < all.length,
      data: data.map((o) => ({ object: list.slice(0, -1), ...(o as object) })),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return fake;
}
