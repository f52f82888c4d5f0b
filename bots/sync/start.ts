/**
 * `pulse serve` runs each configured vendor sync every SYNC_EVERY (default
 * 15 minutes), one process at a time per source (a lease), so two serving
 * processes never read the same pages twice. A refused token is logged once
 * with the variable to fix, until a sync succeeds again; rows arrive through
 * the ingest import, so event alerts fire as for POST /ingest.
 */
import { randomUUID } from "node:crypto";
import { holdLease, releaseLease } from "../../src/leases/lease.js";
import type { Pulse } from "../../src/pulse.js";
import { SyncAuthError } from "../../src/sync/http.js";
import { runSync } from "../../src/sync/run-sync.js";
import { configuredSyncSources } from "../../src/sync/sources.js";
import type { SyncSource } from "../../src/sync/types.js";
import type { AdapterStarter, RunningAdapter } from "../serve.js";

/** Long enough for a large first sync; renewed by each page. */
const LEASE_MS = 10 * 60_000;

export async function startSyncs(
  pulse: Pulse,
  everyMs = pulse.config.sync.everyMs,
): Promise<RunningAdapter & { syncAll(): Promise<void> }> {
  const holder = randomUUID();
  const sources = configuredSyncSources(pulse.config.sync);
  const refused = new Set<string>();
  let last: { at: number; failed: string[] } | null = null;

  async function syncOne(source: SyncSource): Promise<boolean> {
    const lease = `sync:${source.name}:${pulse.workspaceId}`;
    if (!(await holdLease(pulse.db, lease, holder, LEASE_MS))) return true;
    try {
      const summary = await runSync(pulse.db, pulse.workspaceId, source, () => {
        void holdLease(pulse.db, lease, holder, LEASE_MS);
      });
      for (const [table, c] of Object.entries(summary.tables))
        pulse.telemetry.rowsWritten("sync", table, c.inserted + c.updated);
      refused.delete(source.name);
      pulse.logger.info(
        { source: source.name, tables: summary.tables, leftOut: summary.leftOut },
        `${source.name} synced`,
      );
      return true;
    } catch (error) {
      if (error instanceof SyncAuthError) {
        if (!refused.has(source.name))
          pulse.logger.error(`${source.name} sync stopped: ${error.message}`);
        refused.add(source.name);
      } else
        pulse.logger.error(
          { err: error, source: source.name },
          `${source.name} sync failed; it resumes at the next run`,
        );
      return false;
    } finally {
      await releaseLease(pulse.db, lease, holder).catch((error: unknown) =>
        pulse.logger.warn({ err: error, lease }, "sync lease not released; it lapses by itself"),
      );
    }
  }

  let running: Promise<void> = Promise.resolve();
  const syncAll = () => {
    running = running.then(async () => {
      const failed: string[] = [];
      for (const source of sources) if (!(await syncOne(source))) failed.push(source.name);
      last = { at: Date.now(), failed };
    });
    return running;
  };
  void syncAll();
  const timer = setInterval(() => void syncAll(), everyMs);
  return {
    syncAll,
    health: () =>
      last === null
        ? { ok: true, detail: "first sync running" }
        : last.failed.length === 0
          ? { ok: true, detail: `last synced ${Math.round((Date.now() - last.at) / 1000)} s ago` }
          : { ok: false, detail: `last sync failed: ${last.failed.join(", ")} (see the log)` },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

export const syncStarter: AdapterStarter = {
  name: "syncs",
  enabled: (p) => configuredSyncSources(p.config.sync).length > 0,
  start: (p) => startSyncs(p),
};
