/**
 * Event alerts: new rows reach them through alert_changes, a log that
 * triggers append to (migration 0007) while an active event rule wants that
 * source, whoever wrote the rows: the CSV import, POST /ingest, the survey
 * bots. Each rule keeps a cursor (the last change id it has seen).
 *
 * Exactly once across processes: a bigserial id is handed out before its
 * transaction commits, so a plain "id > cursor" reader could move past a row
 * that commits later. Writers therefore hold a shared advisory lock until
 * they commit, and the reader takes it exclusively (try-lock, skipped this
 * tick when a writer is busy): once it holds it, every id handed out is
 * committed. Matching, recording firings (unique per rule and change) and
 * moving the cursor happen in one transaction.
 */

import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { getWorkspace } from "../workspace/workspace.js";
import { describeEvent, matchesEvent } from "./evaluate.js";
import { storeMessage } from "./message.js";
import { ruleOf } from "./rules.js";
import type { AlertMessage, EventDefinition } from "./types.js";

/** The advisory lock key shared with the triggers of migration 0007. */
const CHANGE_LOCK = 7_207_307;
const BATCH = 1000;

type Row = Record<string, unknown>;

/** Matches new changes against event rules; returns how many firings it recorded. */
export async function collectChanges(db: Database, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [lock] = await tx.rows<{ ok: boolean }>(
      sql`select pg_try_advisory_xact_lock(${CHANGE_LOCK}) as ok`,
    );
    if (!lock?.ok) return 0;
    const rules = (
      await tx.rows<Row>(sql`select * from alert_rules where kind = 'event' and status = 'active'
        order by id for update skip locked`)
    ).map(ruleOf);
    const floor = rules.length > 0 ? Math.min(...rules.map((r) => r.changeCursor)) : null;
    // Changes every rule has seen are of no further use.
    await tx.rows(sql`delete from alert_changes where id <= coalesce(
      (select min(change_cursor) from alert_rules where kind = 'event' and status = 'active'),
      (select max(id) from alert_changes))`);
    if (floor === null) return 0;
    const changes = await tx.rows<{
      id: string | number;
      workspace_id: string;
      source: string;
      row: unknown;
    }>(
      sql`select id, workspace_id, source, row from alert_changes where id > ${floor} order by id limit ${BATCH}`,
    );
    if (changes.length === 0) return 0;
    const last = Number(changes.at(-1)!.id);
    let recorded = 0;
    for (const rule of rules) {
      const def = rule.definition as EventDefinition;
      const { currency } = await getWorkspace(tx, rule.workspaceId);
      for (const change of changes) {
        const id = Number(change.id);
        if (
          id <= rule.changeCursor ||
          change.workspace_id !== rule.workspaceId ||
          change.source !== def.source
        )
          continue;
        const row = (typeof change.row === "string" ? JSON.parse(change.row) : change.row) as Row;
        if (!matchesEvent(def, row)) continue;
        const text = describeEvent(rule, def, row, currency);
        const [firing] = await tx.rows<{ id: number }>(sql`insert into alert_firings
            (rule_id, occurrence, scheduled_for, change_id, next_attempt_at)
          values (${rule.id}, ${`change:${id}`}, ${now.toISOString()}, ${id}, ${now.toISOString()})
          on conflict (rule_id, occurrence) do nothing returning id`);
        if (!firing) continue;
        const message: AlertMessage = {
          key: `pulse-alert-${firing.id}`,
          ruleId: rule.id,
          ...text,
          late: false,
          actions: true,
          replies: [],
        };
        await tx.rows(
          sql`update alert_firings set message = ${storeMessage(message)}::jsonb where id = ${firing.id}`,
        );
        recorded++;
      }
      await tx.rows(
        sql`update alert_rules set change_cursor = greatest(change_cursor, ${last}) where id = ${rule.id}`,
      );
    }
    return recorded;
  });
}
