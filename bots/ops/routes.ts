/**
 * GET /healthz (the process is up), GET /readyz (it can work: 503 with the
 * failing checks when not) and GET /metrics (Prometheus text, behind
 * PULSE_METRICS_TOKEN). They answer on PORT: beside Bolt's Slack events or the
 * Telegram webhook when one of those listens there, or on a server of their own.
 */
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Pulse } from "../../src/pulse.js";
import { type HttpServer, startHttpServer } from "../http-server.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/** Constant-time comparison: the token must not leak through timing. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(header ?? "")?.[1] ?? "");
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** The three routes by path, each answering GET only. */
export function opsRoutes(pulse: Pulse): Record<string, Handler> {
  const started = Date.now();
  return {
    "/healthz": async (_req, res) =>
      json(res, 200, { status: "up", uptimeSeconds: Math.round((Date.now() - started) / 1000) }),
    "/readyz": async (_req, res) => {
      const report = await pulse.readiness.report();
      json(res, report.ready ? 200 : 503, {
        status: report.ready ? "ready" : "not ready",
        checks: report.checks,
      });
    },
    "/metrics": async (req, res) => {
      const token = pulse.config.ops.metricsToken;
      if (!token) {
        json(res, 404, {
          error: "metrics are off: set PULSE_METRICS_TOKEN and send it as a Bearer token",
        });
        return;
      }
      if (!bearerMatches(req.headers.authorization, token)) {
        json(res, 401, { error: "Authorization: Bearer PULSE_METRICS_TOKEN is required" });
        return;
      }
      const { registry } = pulse.telemetry;
      const body = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType }).end(body);
    },
  };
}

/** Answers the request when it is one of the routes; false leaves it to its server. */
export function opsHandler(
  pulse: Pulse,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const routes = opsRoutes(pulse);
  return async (req, res) => {
    const route = routes[new URL(req.url ?? "/", "http://localhost").pathname];
    if (!route || (req.method !== "GET" && req.method !== "HEAD")) return false;
    await route(req, res);
    return true;
  };
}

/** The routes in Bolt's `customRoutes` form, for Slack's HTTP receiver on PORT. */
export function boltOpsRoutes(pulse: Pulse) {
  return Object.entries(opsRoutes(pulse)).map(([path, handler]) => ({
    path,
    method: ["GET"],
    handler: (req: IncomingMessage, res: ServerResponse) => {
      handler(req, res).catch((error: unknown) => {
        pulse.logger.error({ err: error, path }, "health route failed");
        if (!res.headersSent) res.writeHead(500).end();
      });
    },
  }));
}

/** A server of their own on `port`, when no chat server listens on PORT. */
export function startOpsServer(pulse: Pulse, port: number): Promise<HttpServer> {
  const handle = opsHandler(pulse);
  return startHttpServer({
    port,
    logger: pulse.logger,
    what: "health request",
    handle: async (req, res) => {
      if (!(await handle(req, res)))
        json(res, 404, { error: "not found: GET /healthz, /readyz or /metrics" });
    },
  });
}
