/**
 * The plain HTTP servers adapters run beside Bolt's (the Telegram webhook,
 * the ingest endpoint): an error that escapes the handler is logged and
 * answered 500, and closing lets the requests in flight finish.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../src/logger.js";

export interface HttpServer {
  port: number;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  port: number;
  /** The interface to listen on; all of them when absent. */
  host?: string;
  logger: Logger;
  /** Names the server in the log: "ingest request", "Telegram webhook update". */
  what: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Writes the answer to an error that escaped the handler (default: 500, an empty body). */
  failed?(res: ServerResponse, error: unknown): void;
}

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const failed = options.failed ?? ((res: ServerResponse) => res.writeHead(500).end());
  const server = createServer((req, res) => {
    options.handle(req, res).catch((error: unknown) => {
      options.logger.error({ err: error }, `${options.what} failed`);
      if (!res.headersSent) failed(res, error);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        // New connections are refused and idle keep-alive ones closed; requests in flight finish.
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
