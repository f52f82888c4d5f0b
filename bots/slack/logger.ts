/**
 * Bolt's own messages (unhandled requests, socket reconnects, listener
 * errors) through Pulse's pino logger, so `pulse serve` writes one format:
 * JSON lines, with secrets redacted like every other line.
 */
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../src/logger.js";

const asText = (parts: unknown[]): string =>
  parts
    .map((part) =>
      typeof part === "string" ? part : part instanceof Error ? part.message : JSON.stringify(part),
    )
    .join(" ");

export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.WARN;
  let log = logger.child({ component: "slack" });
  return {
    debug: (...parts) => log.debug(asText(parts)),
    info: (...parts) => log.info(asText(parts)),
    warn: (...parts) => log.warn(asText(parts)),
    error: (...parts) => {
      const error = parts.find((part) => part instanceof Error);
      log.error(error ? { err: error } : {}, asText(parts));
    },
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (name) => {
      log = logger.child({ component: name });
    },
  };
}
