/**
 * Structured logging (pino on stderr): JSON lines for log collectors, or one
 * readable line per event for a person at a terminal. Token-bearing fields
 * are redacted by path so a careless `logger.info({ config })` cannot leak them.
 */
import { pino } from "pino";
import { PinoPretty } from "pino-pretty";

export type Logger = pino.Logger;

const secretPaths = [
  "token",
  "botToken",
  "appToken",
  "signingSecret",
  "secret",
  "apiKey",
  "accessToken",
  "*.apiKey",
  "*.accessToken",
  "*.token",
  "*.botToken",
  "*.appToken",
  "*.signingSecret",
  "*.secret",
  "config.slack.botToken",
  "config.slack.appToken",
  "config.slack.signingSecret",
  "config.telegram.token",
  "headers.authorization",
];

/** `json` for machines; `pretty`, one coloured line per event, for a terminal. */
export type LogFormat = "json" | "pretty";

export function createLogger(
  level: string,
  destination: NodeJS.WritableStream = process.stderr,
  format: LogFormat = "json",
): Logger {
  const options = { level, redact: { paths: secretPaths, censor: "[redacted]" } };
  if (format === "json") return pino(options, destination);
  const isTerminal = (destination as { isTTY?: boolean }).isTTY === true;
  return pino(
    options,
    PinoPretty({
      destination,
      sync: true,
      singleLine: true,
      colorize: isTerminal,
      translateTime: "SYS:HH:MM:ss",
      ignore: "pid,hostname",
    }),
  );
}

/** LOG_FORMAT when set; else pretty for a terminal and JSON for anything else (a file, a collector). */
export const logFormatFor = (
  configured: LogFormat | "auto",
  destination: NodeJS.WritableStream = process.stderr,
): LogFormat =>
  configured !== "auto"
    ? configured
    : (destination as { isTTY?: boolean }).isTTY === true
      ? "pretty"
      : "json";
