/**
 * What every command needs: the parsed configuration and a way to open Pulse on it. The core
 * is loaded when a command opens it, and a command that needs only numbers opens the database alone.
 */
import type { Database } from "../../db/client.js";
import { type Config, createConfig } from "../../src/config/config.js";
import { createLogger, type Logger, logFormatFor } from "../../src/logger.js";
import type { OpenOptions } from "../../src/open-pulse.js";
import type { Pulse } from "../../src/pulse.js";

/** The database with the workspace made sure of: what a command computing numbers needs. */
export interface WorkspaceDatabase {
  db: Database;
  workspaceId: string;
  close(): Promise<void>;
}

export interface CliContext {
  config: () => Config;
  open: (options?: OpenOptions) => Promise<Pulse>;
  /** The database alone, without the assistant, its language model and its charts. */
  openDatabase: () => Promise<WorkspaceDatabase>;
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
    open: async (options = {}) => {
      const cfg = getConfig();
      const { openPulse } = await import("../../src/open-pulse.js");
      return openPulse(cfg, {
        logger: createLogger(cfg.logLevel === "info" ? "warn" : cfg.logLevel),
        ...options,
      });
    },
    openDatabase: async () => {
      const cfg = getConfig();
      const { openWorkspaceDatabase } = await import(
        "../../src/workspace/open-workspace-database.js"
      );
      const db = await openWorkspaceDatabase(cfg.database, cfg.workspaceId);
      return { db, workspaceId: cfg.workspaceId, close: () => db.close() };
    },
    serveLogger: () => {
      const { logLevel, logFormat } = getConfig();
      return createLogger(logLevel, process.stderr, logFormatFor(logFormat));
    },
  };
}
