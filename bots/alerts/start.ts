/**
 * `pulse serve` parts of alerts: the scheduler (always; it delivers through
 * the AlertSender of each chat platform configured) and the ingest endpoint
 * (when PULSE_INGEST_PORT is set).
 */
import { createScheduler, type SchedulerOptions } from "../../src/alerts/scheduler.js";
import type { AlertSender, AlertSenders } from "../../src/alerts/types.js";
import type { Pulse } from "../../src/pulse.js";
import { startIngestServer } from "../ingest/server.js";
import type { AdapterStarter, RunningAdapter } from "../serve.js";
import { createSlackAlertSender } from "../slack/alert-sender.js";
import { createTelegramAlertSender } from "../telegram/alert-sender.js";

/** One line per platform that can deliver alerts. */
const senderFactories: {
  platform: keyof AlertSenders;
  enabled(p: Pulse): boolean;
  create(p: Pulse): AlertSender;
}[] = [
  { platform: "slack", enabled: (p) => p.config.slack.enabled, create: createSlackAlertSender },
  {
    platform: "telegram",
    enabled: (p) => p.config.telegram.enabled,
    create: createTelegramAlertSender,
  },
];

export function alertSenders(pulse: Pulse): AlertSenders {
  const senders: AlertSenders = {};
  for (const f of senderFactories) if (f.enabled(pulse)) senders[f.platform] = f.create(pulse);
  return senders;
}

/** A scheduler that has not finished a tick in this long is not ticking (failing ticks back off to a minute). */
const TICKING_WITHIN_MS = 90_000;

export async function startAlertScheduler(
  pulse: Pulse,
  options: SchedulerOptions = { intervalMs: 1000 },
): Promise<RunningAdapter & { tick(): Promise<unknown> }> {
  const scheduler = createScheduler({
    db: pulse.db,
    clock: pulse.clock,
    logger: pulse.logger,
    assistant: pulse.assistant,
    senders: alertSenders(pulse),
    options: { backfillAgeMs: pulse.config.alerts.backfillHours * 3_600_000, ...options },
  });
  scheduler.start();
  return {
    stop: () => scheduler.stop(),
    tick: () => scheduler.tick(),
    health() {
      const last = scheduler.lastTickAt();
      if (last === null) return { ok: false, detail: "no tick finished yet" };
      const ago = Date.now() - last;
      return ago <= TICKING_WITHIN_MS
        ? { ok: true, detail: `last tick ${Math.round(ago / 1000)} s ago` }
        : { ok: false, detail: `no tick finished for ${Math.round(ago / 1000)} s` };
    },
  };
}

/**
 * Runs in every `pulse serve`: without a chat adapter it still records due
 * firings and matches event rows, for a process that has one to deliver.
 */
export const alertsStarter: AdapterStarter = {
  name: "alerts",
  enabled: () => true,
  start: (p) => startAlertScheduler(p),
};

export const ingestStarter: AdapterStarter = {
  name: "ingest",
  enabled: (p) => p.config.ingest.port !== undefined,
  start: async (p) => {
    const server = await startIngestServer(p, {
      port: p.config.ingest.port!,
      host: p.config.ingest.host,
      maxBytes: p.config.ingest.maxBytes,
    });
    p.logger.info(
      { host: p.config.ingest.host, port: server.port },
      "ingest listening on POST /ingest/{table}",
    );
    return { stop: () => server.close() };
  },
};
