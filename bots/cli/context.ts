/** What every command needs: the parsed configuration and a way to open Pulse on it. */
import { type Config, createConfig } from "../../src/config/config.js";
import { createLogger, type Logger, logFormatFor } from "../../src/logger.js";
import { type OpenOptions, openPulse } from "../../src/open-pulse.js";
import type { Pulse } from "../../src/pulse.js";

export interface CliContext {
  config: () => Config;
  open: (options?: OpenOptions) => Promise<Pulse>;
  /** The full-level logger a long-running server uses (commands log warnings only). */
  serveLogger: () => Logger;
}

export function createCliContext(env: Record<string, string | undefined>): CliContext {
  let config: Config | undefined;
  const getConfig = () => {
    config ??= createConfig(env);
    return config;
  };
  return {
    config: getConfig,
    // The CLI logs warnings and worse only: its output is for people and pipes.
    open: (options = {}) => {
      const cfg = getConfig();
      return openPulse(cfg, {
        logger: createLogger(cfg.logLevel === "info" ? "warn" : cfg.logLevel),
        ...options,
      });
    },
    serveLogger: () => {
      const { logLevel, logFormat } = getConfig();
      return createLogger(logLevel, process.stderr, logFormatFor(logFormat));
    },
  };
}
