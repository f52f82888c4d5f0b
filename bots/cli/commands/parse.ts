import { existsSync, readdirSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { openDatabase } from "../../../db/client.js";
import type { WorkspaceValues } from "../../../src/questions/workspace-values.js";
import { workspaceValues } from "../../../src/questions/workspace-values.js";
import { readRequest } from "../../../src/reading/readers.js";
import { requestJson } from "../../../src/reading/request.js";
import { utter } from "../../../src/reading/utterance.js";
import { getWorkspace } from "../../../src/workspace/workspace.js";
import type { CliContext } from "../context.js";
import { noonOf, todayUtc, validNow } from "../now.js";
import { printJson } from "../output.js";

const hasFiles = (dir: string): boolean => existsSync(dir) && readdirSync(dir).length > 0;

interface Workspace {
  values: WorkspaceValues;
  timezone: string;
}

/**
 * The workspace's values and zone when a database is configured (DATABASE_URL
 * or PULSE_DATA_DIR), so a value the data lacks is known; none otherwise.
 */
async function workspaceOf(
  cli: CliContext,
  env: Record<string, string | undefined>,
): Promise<Workspace> {
  const none = { values: {}, timezone: "UTC" };
  if (!env.DATABASE_URL && !env.PULSE_DATA_DIR) return none;
  const config = cli.config();
  // An embedded folder that holds no database yet has no values to read: none is made for a parse.
  const { database } = config;
  if (database.mode === "embedded" && !(database.dataDir && hasFiles(database.dataDir)))
    return none;
  const db = await openDatabase(config.database);
  try {
    const [values, workspace] = await Promise.all([
      workspaceValues(db, config.workspaceId),
      getWorkspace(db, config.workspaceId).catch(() => null),
    ]);
    return { values, timezone: workspace?.timezone ?? "UTC" };
  } finally {
    await db.close();
  }
}

export function registerParseCommand(
  program: Command,
  cli: CliContext,
  env: Record<string, string | undefined>,
): void {
  program
    .command("parse")
    .description(
      "print how a message is read (a question, an alert command, ...) as JSON; with no message, one per line from stdin",
    )
    .argument("[message]", "the question or alert request")
    .option("--now <date>", "the date the message is read on (YYYY-MM-DD)", todayUtc())
    .option("--timezone <zone>", "the workspace's time zone (default: the workspace's, else UTC)")
    .action(async (message: string | undefined, options: { now: string; timezone?: string }) => {
      const today = validNow(options.now);
      const workspace = await workspaceOf(cli, env);
      const ctx = {
        today,
        now: noonOf(today),
        timezone: options.timezone ?? workspace.timezone,
        values: workspace.values,
      };
      const print = (line: string) =>
        printJson(
          requestJson(readRequest(utter(line, { values: ctx.values, today: ctx.today }), ctx)),
        );
      if (message !== undefined) {
        print(message);
        return;
      }
      for await (const line of createInterface({
        input: process.stdin,
        crlfDelay: Number.POSITIVE_INFINITY,
      }))
        print(line);
    });
}
