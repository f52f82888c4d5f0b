/**
 * What the fake vendor APIs (Shopify, HubSpot) share: a loopback server that
 * checks the credential, answers scripted 429s, counts what it served and
 * can have its token revoked; each fake routes its own paths.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "./http.js";

export interface VendorRequest {
  url: URL;
  method: string;
  body: unknown;
}

export interface FakeVendor {
  apiUrl: string;
  /** Objects served, by list. */
  served: Record<string, number>;
  requests: string[];
  rateLimit(times: number, retryAfterSeconds?: number): void;
  revoke(): void;
  close(): Promise<void>;
}

export type Route = (
  req: VendorRequest,
  count: (list: string, n: number) => void,
) => { status?: number; body: unknown; headers?: Record<string, string> } | null;

export async function startFakeVendor(options: {
  authorized: (req: IncomingMessage) => boolean;
  refusal: unknown;
  tooMany: unknown;
  route: Route;
}): Promise<FakeVendor> {
  let limited = 0;
  let retryAfter = 0;
  let revoked = false;
  const send = (res: ServerResponse, status: number, body: unknown, headers = {}) =>
    res
      .writeHead(status, { "content-type": "application/json", ...headers })
      .end(JSON.stringify(body));
  const fake = {
    served: {} as Record<string, number>,
    requests: [] as string[],
    rateLimit(times: number, seconds = 0) {
      limited = times;
      retryAfter = seconds;
    },
    revoke() {
      revoked = true;
    },
  } as FakeVendor;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const raw = (await readBody(req)).toString("utf8");
    fake.requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (revoked || !options.authorized(req)) return send(res, 401, options.refusal);
    if (limited > 0) {
      limited--;
      return send(res, 429, options.tooMany, { "retry-after": String(retryAfter) });
    }
    const answer = options.route(
      { url, method: req.method ?? "GET", body: raw ? JSON.parse(raw) : null },
      (list, n) => {
        fake.served[list] = (fake.served[list] ?? 0) + n;
      },
    );
    if (!answer) return send(res, 404, { errors: `Not Found: ${url.pathname}` });
    send(res, answer.status ?? 200, answer.body, answer.headers);
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
