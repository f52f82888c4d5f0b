/**
 * Whether this process can do its work now (GET /readyz): the database
 * answers, its migrations are all applied, each configured adapter is
 * connected and the alert scheduler is ticking. Each part that starts
 * registers its own check; a check that throws or does not answer within
 * its time is "down" with the reason, never a hung probe.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { migrationsFolder } from "../../db/package-root.js";

export interface CheckState {
  ok: boolean;
  /** One line for the operator: "3 of 3 migrations applied", "polling (holds the lease)". */
  detail: string;
}

export type Probe = () => CheckState | Promise<CheckState>;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckState>;
}

export interface Readiness {
  /** Adds (or replaces) the check `name`; the returned function removes it. */
  register(name: string, probe: Probe): () => void;
  report(): Promise<ReadinessReport>;
}

/** A probe that has not answered in this long is down: a load balancer must not wait on it. */
const PROBE_TIMEOUT_MS = 2_000;

async function settle(probe: Probe): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<CheckState>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, detail: `no answer within ${PROBE_TIMEOUT_MS} ms` }),
      PROBE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([Promise.resolve().then(probe), late]);
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** How many migrations this build ships (drizzle's journal). */
function shippedMigrations(): number {
  const journal = JSON.parse(
    readFileSync(join(migrationsFolder(), "meta", "_journal.json"), "utf8"),
  );
  return (journal as { entries: unknown[] }).entries.length;
}

/** The database answers, and has every migration this build ships. */
export function databaseProbes(db: Database): Record<string, Probe> {
  const shipped = shippedMigrations();
  return {
    database: async () => {
      await db.rows(sql`select 1`);
      return { ok: true, detail: `${db.driver} answers` };
    },
    migrations: async () => {
      const [row] = await db.rows<{ n: number | string }>(
        sql`select count(*) as n from drizzle.__drizzle_migrations`,
      );
      const applied = Number(row?.n ?? 0);
      return {
        ok: applied >= shipped,
        detail: `${applied} of ${shipped} migrations applied`,
      };
    },
  };
}

export function createReadiness(): Readiness {
  const probes = new Map<string, Probe>();
  return {
    register(name, probe) {
      probes.set(name, probe);
      return () => {
        if (probes.get(name) === probe) probes.delete(name);
      };
    },
    async report() {
      const entries = await Promise.all(
        [...probes].map(async ([name, probe]) => [name, await settle(probe)] as const),
      );
      return { ready: entries.every(([, s]) => s.ok), checks: Object.fromEntries(entries) };
    },
  };
}
