/**
 * Webhook mode: Telegram POSTs updates to TELEGRAM_WEBHOOK_URL, and every
 * request must carry the secret token given to setWebhook
 * (X-Telegram-Bot-Api-Secret-Token); grammY answers 401 to one that does
 * not, before any middleware runs.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Bot, webhookCallback } from "grammy";
import type { Logger } from "../../src/logger.js";

export interface WebhookServer {
  port: number;
  close(): Promise<void>;
}

export async function startWebhookServer(
  bot: Bot,
  options: { port: number; path: string; secret: string; logger: Logger },
): Promise<WebhookServer> {
  const handle = webhookCallback(bot, "http", { secretToken: options.secret });
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "POST" || path !== options.path) {
      res.writeHead(404).end();
      return;
    }
    handle(req, res).catch((error: unknown) => {
      options.logger.error({ err: error }, "Telegram webhook update failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
