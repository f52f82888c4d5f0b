/**
 * Gauges read from the database at each scrape, so they hold across every
 * process on it: the survey queue by status, alert firings by status and how
 * late the oldest due one is, and which leases are held. A failing query
 * leaves its gauge out of that scrape (and `pulse_database_up` at 0), never
 * fails the whole page.
 */
import { sql } from "drizzle-orm";
import { Gauge, type Registry } from "prom-client";
import type { Database } from "../../db/client.js";
import type { Clock } from "../clock.js";

export function registerDatabaseGauges(registry: Registry, db: Database, clock: Clock): void {
  new Gauge({
    name: "pulse_database_up",
    help: "1 when the database answered this scrape",
    registers: [registry],
    async collect() {
      try {
        await db.rows(sql`select 1`);
        this.set(1);
      } catch {
        this.set(0);
      }
    },
  });
  const counted = (
    name: string,
    help: string,
    label: string,
    query: () => ReturnType<typeof sql>,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [registry],
      async collect() {
        this.reset();
        const rows = await db
          .rows<{ key: string; n: number | string }>(query())
          .catch(() => [] as { key: string; n: number | string }[]);
        for (const row of rows) this.set({ [label]: row.key }, Number(row.n));
      },
    });
  counted(
    "pulse_survey_prompts",
    "Survey prompts by status: pending (queued), sending, sent, answered, expired, unreachable, ...",
    "status",
    () => sql`select status as key, count(*) as n from survey_prompts group by status`,
  );
  counted(
    "pulse_alert_firings",
    "Alert firings by status (pending, sending, delivered, skipped, failed)",
    "status",
    () => sql`select status as key, count(*) as n from alert_firings group by status`,
  );
  counted(
    "pulse_leases",
    "Leases by name: 1 while some process holds it",
    "lease",
    () => sql`select name as key, count(*) as n from leases where expires_at > now() group by name`,
  );
  new Gauge({
    name: "pulse_alert_due_lag_seconds",
    help: "How long the oldest due alert firing has waited past its time (0 when none waits)",
    registers: [registry],
    async collect() {
      const now = clock.now();
      const [row] = await db
        .rows<{ due: string | Date | null }>(
          sql`select min(next_attempt_at) as due from alert_firings
            where status in ('pending', 'sending') and next_attempt_at <= ${now.toISOString()}`,
        )
        .catch(() => [{ due: null }]);
      const due = row?.due ? new Date(row.due).getTime() : now.getTime();
      this.set(Math.max(0, (now.getTime() - due) / 1000));
    },
  });
  new Gauge({
    name: "pulse_alert_late_firings",
    help: "Alerts of the last 24 hours delivered late (recorded after downtime)",
    registers: [registry],
    async collect() {
      const since = new Date(clock.now().getTime() - 86_400_000).toISOString();
      const [row] = await db
        .rows<{ n: number | string }>(
          sql`select count(*) as n from alert_firings where late and scheduled_for >= ${since}`,
        )
        .catch(() => [{ n: 0 }]);
      this.set(Number(row?.n ?? 0));
    },
  });
}
