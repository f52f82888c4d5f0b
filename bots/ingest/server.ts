/**
 * POST /ingest/{table}: a shop or CRM pushes orders, customers (signups,
 * churns), events and the other tables as they happen, as a JSON array of
 * rows or a CSV file. Bearer token per workspace (checked in constant time),
 * a size limit (413), the CSV import's validation (400 with line numbers,
 * nothing written) and its idempotent upserts (a replay changes nothing).
 *
 * It listens on its own port, PULSE_INGEST_PORT, rather than sharing PORT:
 * PORT already belongs to Slack's HTTP receiver (Bolt owns that server) and
 * to the Telegram webhook, and each can run without the others.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { DatabaseUnavailableError } from "../../src/errors.js";
import { isKnownEncoding } from "../../src/import/file-format.js";
import { IngestRejectedError, ingest, isTableName } from "../../src/ingest/ingest.js";
import { verifyIngestToken } from "../../src/ingest/tokens.js";
import type { Pulse } from "../../src/pulse.js";
import { type HttpServer, startHttpServer } from "../http-server.js";

export type IngestServer = HttpServer;

class TooLarge extends Error {}

function readLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        reject(new TooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const send = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  res
    .writeHead(status, { "content-type": "application/json", ...headers })
    .end(JSON.stringify(body));
};

export async function startIngestServer(
  pulse: Pulse,
  options: { port: number; host?: string; maxBytes: number; onIngested?: () => void },
): Promise<IngestServer> {
  // Declared too large, or found so while reading: the connection closes, the rest is not read.
  const tooLarge = (res: ServerResponse) =>
    send(
      res,
      413,
      { error: `the body is over the limit of ${options.maxBytes} bytes` },
      { connection: "close" },
    );
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const match = /^\/ingest\/([a-z_]+)\/?$/.exec(path);
    if (!match) return send(res, 404, { error: "not found: POST /ingest/{table}" });
    if (req.method !== "POST") return send(res, 405, { error: "use POST" }, { allow: "POST" });
    const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    const workspaceId = auth ? await verifyIngestToken(pulse.db, auth[1]!) : null;
    if (!workspaceId)
      return send(
        res,
        401,
        { error: "a valid ingest token is required (Authorization: Bearer pit_...)" },
        {
          "www-authenticate": 'Bearer realm="pulse-ingest"',
        },
      );
    const table = match[1]!;
    if (!isTableName(table)) return send(res, 404, { error: `unknown table "${table}"` });
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > options.maxBytes) {
      req.resume();
      return tooLarge(res);
    }
    const type = req.headers["content-type"] ?? "";
    const format = type.includes("json")
      ? "json"
      : type.includes("csv") || type.includes("text/plain")
        ? "csv"
        : null;
    if (!format)
      return send(res, 415, { error: "send application/json (an array of rows) or text/csv" });
    const charset = /;\s*charset="?([^";\s]+)/i.exec(type)?.[1];
    if (charset && format === "csv" && !isKnownEncoding(charset))
      return send(res, 415, { error: `unknown charset "${charset}"` });
    let body: Buffer;
    try {
      body = await readLimited(req, options.maxBytes);
    } catch (error) {
      if (error instanceof TooLarge) return tooLarge(res);
      throw error;
    }
    try {
      const summary = await ingest(pulse.db, workspaceId, table, body, format, charset);
      pulse.telemetry.rowsWritten("ingest", table, summary.inserted + summary.updated);
      options.onIngested?.();
      return send(res, 200, {
        table,
        rows: summary.rows,
        inserted: summary.inserted,
        updated: summary.updated,
        unchanged: summary.unchanged,
      });
    } catch (error) {
      if (error instanceof IngestRejectedError)
        return send(res, 400, {
          error: "nothing was imported",
          problems: error.problems.map((p) => ({
            [error.unit]: p.line,
            column: p.column,
            problem: p.problem,
          })),
        });
      throw error;
    }
  };
  return startHttpServer({
    port: options.port,
    // Plain HTTP carrying bearer tokens: reachable from this machine only, unless said otherwise.
    host: options.host ?? "127.0.0.1",
    logger: pulse.logger,
    what: "ingest request",
    handle,
    // The database is gone (its data folder deleted, the server down): nothing was written, try later.
    failed: (res, error) =>
      error instanceof DatabaseUnavailableError
        ? send(
            res,
            503,
            { error: `nothing was imported: ${error.message}` },
            { "retry-after": "60" },
          )
        : send(res, 500, { error: "internal error; see the server log" }),
  });
}
