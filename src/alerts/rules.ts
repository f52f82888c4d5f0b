/**
 * The stored rules: create, list, pause, resume, delete, snooze. Each rule is
 * bound to the chat it was created in; a chat sees and changes only its own.
 */

import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { utcMinute } from "../answers/format.js";
import { PulseError } from "../errors.js";
import { checkSchedule, DEFAULT_CHECK_SCHEDULE, nextOccurrence } from "./schedule.js";
import type { AlertPlatform, AlertRule, RuleDefinition } from "./types.js";

export interface NewRule {
  workspaceId: string;
  title: string;
  definition: RuleDefinition;
  /** Cron pattern; event rules have none, checks default to hourly. */
  schedule?: string | null;
  timezone: string;
  platform: AlertPlatform;
  chatId: string;
  ownerId: string;
}

/** Where a command comes from: only rules of this chat are visible. */
export interface RuleScope {
  workspaceId: string;
  platform?: AlertPlatform;
  chatId?: string;
}

type Row = Record<string, unknown>;

const toDate = (v: unknown): Date | null =>
  v === null || v === undefined ? null : new Date(v as string);

export function ruleOf(row: Row): AlertRule {
  return {
    id: Number(row.id),
    workspaceId: row.workspace_id as string,
    kind: row.kind as AlertRule["kind"],
    title: row.title as string,
    definition: (typeof row.definition === "string"
      ? JSON.parse(row.definition)
      : row.definition) as RuleDefinition,
    schedule: (row.schedule as string | null) ?? null,
    timezone: row.timezone as string,
    platform: row.platform as AlertPlatform,
    chatId: row.chat_id as string,
    ownerId: row.owner_id as string,
    status: row.status as AlertRule["status"],
    snoozedUntil: toDate(row.snoozed_until),
    nextRunAt: toDate(row.next_run_at),
    inEpisode: Boolean(row.in_episode),
    episodeStartedAt: toDate(row.episode_started_at),
    changeCursor: Number(row.change_cursor ?? 0),
  };
}

export class AlertNotFoundError extends PulseError {
  constructor(readonly ruleId: number) {
    super(
      "query_invalid",
      `There is no alert ${ruleId} in this chat. Say "list alerts" to see them.`,
    );
  }
}

const scopeSql = (scope: RuleScope) =>
  sql`workspace_id = ${scope.workspaceId}
    ${scope.platform ? sql`and platform = ${scope.platform}` : sql``}
    ${scope.chatId ? sql`and chat_id = ${scope.chatId}` : sql``}`;

export async function createRule(db: Queryable, rule: NewRule, now: Date): Promise<AlertRule> {
  const schedule =
    rule.definition.kind === "event" ? null : (rule.schedule ?? DEFAULT_CHECK_SCHEDULE);
  if (schedule) checkSchedule(schedule, rule.timezone);
  const next = schedule ? nextOccurrence(schedule, rule.timezone, now) : null;
  // An event rule starts after the newest change already logged: it reports what happens from now on.
  const [row] = await db.rows<Row>(sql`insert into alert_rules
      (workspace_id, kind, title, definition, schedule, timezone, platform, chat_id, owner_id, next_run_at, change_cursor, created_at)
    values (${rule.workspaceId}, ${rule.definition.kind}, ${rule.title}, ${JSON.stringify(rule.definition)}::jsonb,
      ${schedule}, ${rule.timezone}, ${rule.platform}, ${rule.chatId}, ${rule.ownerId},
      ${next?.toISOString() ?? null}, (select coalesce(max(id), 0) from alert_changes), ${now.toISOString()})
    returning *`);
  return ruleOf(row!);
}

export async function listRules(db: Queryable, scope: RuleScope): Promise<AlertRule[]> {
  const rows = await db.rows<Row>(
    sql`select * from alert_rules where ${scopeSql(scope)} order by id`,
  );
  return rows.map(ruleOf);
}

export async function getRule(db: Queryable, scope: RuleScope, id: number): Promise<AlertRule> {
  const [row] = await db.rows<Row>(
    sql`select * from alert_rules where id = ${id} and ${scopeSql(scope)}`,
  );
  if (!row) throw new AlertNotFoundError(id);
  return ruleOf(row);
}

async function change(db: Queryable, scope: RuleScope, id: number, set: ReturnType<typeof sql>) {
  const [row] = await db.rows<Row>(
    sql`update alert_rules set ${set} where id = ${id} and ${scopeSql(scope)} returning *`,
  );
  if (!row) throw new AlertNotFoundError(id);
  return ruleOf(row);
}

export const pauseRule = (db: Queryable, scope: RuleScope, id: number) =>
  change(db, scope, id, sql`status = 'paused'`);

/** Resuming starts from the next occurrence after now: nothing missed while paused is sent. */
export async function resumeRule(db: Queryable, scope: RuleScope, id: number, now: Date) {
  const rule = await getRule(db, scope, id);
  const next = rule.schedule ? nextOccurrence(rule.schedule, rule.timezone, now) : null;
  return change(
    db,
    scope,
    id,
    sql`status = 'active', snoozed_until = null, next_run_at = ${next?.toISOString() ?? null},
      change_cursor = greatest(change_cursor, (select coalesce(max(id), 0) from alert_changes))`,
  );
}

export const snoozeRule = (db: Queryable, scope: RuleScope, id: number, until: Date) =>
  change(db, scope, id, sql`snoozed_until = ${until.toISOString()}`);

export async function deleteRule(db: Queryable, scope: RuleScope, id: number): Promise<void> {
  const removed = await db.rows(
    sql`delete from alert_rules where id = ${id} and ${scopeSql(scope)} returning id`,
  );
  if (removed.length === 0) throw new AlertNotFoundError(id);
}

/** One line per rule for "list alerts". */
export function describeRule(rule: AlertRule, now: Date): string {
  const when = rule.schedule ? `${rule.schedule} (${rule.timezone})` : "as it happens";
  const state =
    rule.status === "paused"
      ? "paused"
      : rule.snoozedUntil && rule.snoozedUntil > now
        ? `snoozed until ${utcMinute(rule.snoozedUntil)}`
        : rule.inEpisode
          ? "active, firing"
          : "active";
  return `${rule.id}. ${rule.title} · ${rule.kind} · ${when} · ${state}`;
}
