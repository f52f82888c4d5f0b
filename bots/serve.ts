/**
 * `pulse serve`: starts every adapter that is configured, and on SIGTERM or
 * SIGINT stops them (each finishes what it has in flight) before closing the
 * database, so no answer or survey write is lost.
 */
import { createAccess } from "../src/access/access.js";
import { postureWarnings } from "../src/access/posture.js";
import { isDemoWorkspace } from "../src/demo/seed.js";
import { ConfigError } from "../src/errors.js";
import type { Pulse } from "../src/pulse.js";
import { createSurveyOperator } from "../src/surveys/operator.js";
import { warmUp } from "../src/warm-up.js";
import { assertPortsFree } from "./free-ports.js";

export interface RunningAdapter {
  stop(): Promise<void>;
}

export interface AdapterStarter {
  name: string;
  enabled(pulse: Pulse): boolean;
  start(pulse: Pulse): Promise<RunningAdapter>;
}

/** Who would see numbers with no access rule, and whether this is the demo business. */
async function startupNotices(pulse: Pulse): Promise<string[]> {
  const platforms = (["slack", "telegram"] as const).filter((p) => pulse.config[p].enabled);
  const notices = await postureWarnings(createAccess(pulse.db, pulse.workspaceId), platforms);
  if (await isDemoWorkspace(pulse.db, pulse.workspaceId))
    notices.push(
      `workspace "${pulse.workspaceId}" holds the demo business: its made-up customers are never sent surveys`,
    );
  return notices;
}

/** Starts the enabled adapters; resolves when a stop signal has been handled. */
export async function serve(
  pulse: Pulse,
  starters: readonly AdapterStarter[],
  signals: NodeJS.Process = process,
): Promise<void> {
  const enabled = starters.filter((s) => s.enabled(pulse));
  if (enabled.length === 0) {
    throw new ConfigError(
      "nothing to serve: set SLACK_BOT_TOKEN (Slack) and/or TELEGRAM_BOT_TOKEN (Telegram)",
    );
  }
  await assertPortsFree(pulse.config.listeners);
  await warmUp(pulse);
  for (const notice of await startupNotices(pulse)) pulse.logger.warn(notice);
  // What surveys this process will send, before it sends any.
  for (const line of await createSurveyOperator(pulse).describeSchedule()) pulse.logger.info(line);
  const running: { name: string; adapter: RunningAdapter }[] = [];
  const stopAll = async () => {
    for (const { name, adapter } of running.reverse()) {
      try {
        await adapter.stop();
        pulse.logger.info({ adapter: name }, `${name} stopped`);
      } catch (error) {
        pulse.logger.error({ err: error, adapter: name }, `${name} did not stop cleanly`);
      }
    }
  };
  try {
    for (const starter of enabled) {
      running.push({ name: starter.name, adapter: await starter.start(pulse) });
      pulse.logger.info({ adapter: starter.name }, `${starter.name} started`);
    }
  } catch (error) {
    // Left running, the adapters started before would keep the process up with no use:
    // they stop, and the failure ends `pulse serve` with its reason.
    await stopAll();
    throw error;
  }
  await new Promise<void>((resolve) => {
    const stop = async (signal: string) => {
      signals.off("SIGTERM", onTerm);
      signals.off("SIGINT", onInt);
      clearInterval(orphaned);
      pulse.logger.info({ signal }, "stopping");
      await stopAll();
      resolve();
    };
    const onTerm = () => void stop("SIGTERM");
    const onInt = () => void stop("SIGINT");
    signals.on("SIGTERM", onTerm);
    signals.on("SIGINT", onInt);
    // A launcher (npx, a shell wrapper) that dies without passing its signal on leaves
    // this process orphaned: the parent id changes, and that is a stop as well.
    const parent = process.ppid;
    const orphaned = setInterval(() => {
      if (process.ppid !== parent) void stop("parent exited");
    }, 1000).unref();
  });
}
