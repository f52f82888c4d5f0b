/**
 * `pulse serve`: starts every adapter that is configured, and on SIGTERM or
 * SIGINT stops them (each finishes what it has in flight) before closing the
 * database, so no answer or survey write is lost.
 */
import { createAccess } from "../src/access/access.js";
import { postureWarnings } from "../src/access/posture.js";
import { isDemoWorkspace } from "../src/demo/seed.js";
import type { CheckState } from "../src/observability/readiness.js";
import type { Pulse } from "../src/pulse.js";
import { createSurveyOperator } from "../src/surveys/operator.js";
import { warmUp } from "../src/warm-up.js";
import { assertPortsFree } from "./free-ports.js";
import { startOpsServer } from "./ops/routes.js";

export interface RunningAdapter {
  stop(): Promise<void>;
  /** Whether it can do its work now, for GET /readyz; "running" when it does not say. */
  health?(): CheckState;
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

/** What runs, in one line: a process without chat tokens still schedules alerts and takes ingest. */
function describeRun(pulse: Pulse, names: string[]): string {
  const chats = (["slack", "telegram"] as const).filter((p) => pulse.config[p].enabled);
  const ops =
    pulse.config.ops.on === null
      ? "no health endpoints (set PORT for GET /healthz, /readyz, /metrics)"
      : `GET /healthz, /readyz, /metrics on port ${pulse.config.port}`;
  const running = `running: ${names.join(", ")}; ${ops}`;
  return chats.length > 0
    ? running
    : `no chat platform configured (set SLACK_BOT_TOKEN and/or TELEGRAM_BOT_TOKEN to answer in chat); ${running}`;
}

/** Starts the enabled adapters; resolves when a stop signal has been handled. */
export async function serve(
  pulse: Pulse,
  starters: readonly AdapterStarter[],
  signals: NodeJS.Process = process,
): Promise<void> {
  const enabled = starters.filter((s) => s.enabled(pulse));
  await assertPortsFree(pulse.config.listeners);
  await warmUp(pulse);
  for (const notice of await startupNotices(pulse)) pulse.logger.warn(notice);
  // What surveys this process will send, before it sends any.
  for (const line of await createSurveyOperator(pulse).describeSchedule()) pulse.logger.info(line);
  const running: { name: string; adapter: RunningAdapter; unregister(): void }[] = [];
  const stopAll = async () => {
    for (const { name, adapter, unregister } of running.reverse()) {
      unregister();
      try {
        await adapter.stop();
        pulse.logger.info({ adapter: name }, `${name} stopped`);
      } catch (error) {
        pulse.logger.error({ err: error, adapter: name }, `${name} did not stop cleanly`);
      }
    }
  };
  const started = (name: string, adapter: RunningAdapter) => {
    const unregister = pulse.readiness.register(
      name,
      () => adapter.health?.() ?? { ok: true, detail: "running" },
    );
    running.push({ name, adapter, unregister });
  };
  try {
    for (const starter of enabled) {
      started(starter.name, await starter.start(pulse));
      pulse.logger.info({ adapter: starter.name }, `${starter.name} started`);
    }
    if (pulse.config.ops.on === "own") {
      const server = await startOpsServer(pulse, pulse.config.port);
      running.push({
        name: "health endpoints",
        adapter: { stop: () => server.close() },
        unregister: () => {},
      });
    }
  } catch (error) {
    // Left running, the adapters started before would keep the process up with no use:
    // they stop, and the failure ends `pulse serve` with its reason.
    await stopAll();
    throw error;
  }
  pulse.logger.info(
    describeRun(
      pulse,
      enabled.map((s) => s.name),
    ),
  );
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
