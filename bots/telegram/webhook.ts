/**
 * Webhook mode: Telegram POSTs updates to TELEGRAM_WEBHOOK_URL, and every
 * request must carry the secret token given to setWebhook
 * (X-Telegram-Bot-Api-Secret-Token); grammY answers 401 to one that does
 * not, before any middleware runs.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Bot, webhookCallback } from "grammy";
import type { Logger } from "../../src/logger.js";
import { type HttpServer, startHttpServer } from "../http-server.js";

export function startWebhookServer(
  bot: Bot,
  options: {
    port: number;
    path: string;
    secret: string;
    logger: Logger;
    /** Other routes on the same port (health and metrics): true when it answered the request. */
    alsoServe?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  },
): Promise<HttpServer> {
  const handleUpdate = webhookCallback(bot, "http", { secretToken: options.secret });
  return startHttpServer({
    port: options.port,
    logger: options.logger,
    what: "Telegram webhook update",
    handle: async (req, res) => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      if (req.method !== "POST" || path !== options.path) {
        if (!(await options.alsoServe?.(req, res))) res.writeHead(404).end();
        return;
      }
      try {
        await handleUpdate(req, res);
      } catch (error) {
        // A body that is no JSON update is the sender's mistake (400), not this server's (500).
        if (!(error instanceof SyntaxError) || res.headersSent) throw error;
        options.logger.warn("Telegram webhook: a request whose body is not JSON was refused (400)");
        res.writeHead(400).end();
      }
    },
  });
}
