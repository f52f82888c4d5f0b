/**
 * Structured logging (pino, JSON lines on stderr). Token-bearing fields are
 * redacted by path so a careless `logger.info({ config })` cannot leak them.
 */
import { pino } from "pino";

export type Logger = pino.Logger;

const secretPaths = [
  "token",
  "botToken",
  "appToken",
  "signingSecret",
  "secret",
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

export function createLogger(
  level: string,
  destination: NodeJS.WritableStream = process.stderr,
): Logger {
  return pino({ level, redact: { paths: secretPaths, censor: "[redacted]" } }, destination);
}
