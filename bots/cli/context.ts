/** What every command needs: the parsed configuration and a way to open Pulse on it. */
import { type Config, createConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { type OpenOptions, openPulse } from "../../src/open-pulse.js";
import type { Pulse } from "../../src/pulse.js";

export interface CliContext {
  config: () => Config;
  open: (options?: OpenOptions) => Promise<Pulse>;
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
  };
}
