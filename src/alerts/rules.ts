/**
 * The stored rules: create, list, pause, resume, delete, snooze. Each rule is
 * bound to the chat it was created in; a chat sees and changes only its own.
 */

import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { PulseError } from "../errors.js";
import { stored } from "../questions/query-schema.js";
import { checkSchedule, DEFAULT_CHECK_SCHEDULE, nextOccurrence } from "./schedule.js";
import { readDefinition } from "./stored-definition.js";
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
    definition: readDefinition(row.definition),
    schedule: (row.schedule as string | null) ?? null,
    timezone: row.timezone as string,
    platform: row.platform as AlertPlatform,
    chatId: row.chat_id as string,
    ownerId: row.owner_id as string,
    status: row.status as AlertRule["status"],
    blockedReason: (row.blocked_reason as string | null) ?? null,
    snoozedUntil: toDate(row.snoozed_until),
    nextRunAt: toDate(row.next_run_at),
    inEpisode: Boolean(row.in_episode),
    episodeStartedAt: toDate(row.episode_started_at),
    episodeGroups: (typeof row.episode_groups === "string"
      ? JSON.parse(row.episode_groups)
      : (row.episode_groups ?? [])) as string[],
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
    values (${rule.workspaceId}, ${rule.definition.kind}, ${rule.title}, ${JSON.stringify(stored(rule.definition))}::jsonb,
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
    sql`status = 'active', blocked_reason = null, snoozed_until = null, next_run_at = ${next?.toISOString() ?? null},
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

/** The workspace's rules still read in `zone` (each rule keeps the zone it was made in). */
export async function rulesInZone(
  db: Queryable,
  workspaceId: string,
  zone: string,
): Promise<AlertRule[]> {
  const rows = await db.rows<Row>(
    sql`select * from alert_rules where workspace_id = ${workspaceId} and timezone = ${zone} order by id`,
  );
  return rows.map(ruleOf);
}

/** Moves rules to another zone: "Mondays 09:00" stays 09:00, now in the new zone. */
export async function moveRulesToZone(
  db: Queryable,
  rules: AlertRule[],
  zone: string,
  now: Date,
): Promise<void> {
  for (const rule of rules) {
    const next = rule.schedule ? nextOccurrence(rule.schedule, zone, now) : null;
    await db.rows(sql`update alert_rules set timezone = ${zone}, next_run_at = ${next?.toISOString() ?? null}
      where id = ${rule.id}`);
  }
}

/** A new schedule (in the rule's own zone): the next run moves with it. */
export async function rescheduleRule(
  db: Queryable,
  scope: RuleScope,
  id: number,
  schedule: string,
  now: Date,
): Promise<AlertRule> {
  const rule = await getRule(db, scope, id);
  if (rule.kind === "event")
    throw new PulseError(
      "query_invalid",
      `Alert ${id} fires as things happen; it has no schedule to change.`,
    );
  checkSchedule(schedule, rule.timezone);
  const next = nextOccurrence(schedule, rule.timezone, now);
  return change(
    db,
    scope,
    id,
    sql`schedule = ${schedule}, next_run_at = ${next?.toISOString() ?? null}`,
  );
}

/** A new definition in place of the old (same id, chat and schedule unless given); a new episode starts. */
export async function redefineRule(
  db: Queryable,
  scope: RuleScope,
  id: number,
  update: { title: string; definition: RuleDefinition; schedule: string | null },
  now: Date,
): Promise<AlertRule> {
  const rule = await getRule(db, scope, id);
  if ((rule.kind === "event") !== (update.definition.kind === "event"))
    throw new PulseError(
      "query_invalid",
      `Alert ${id} is a ${rule.kind} rule; make a new alert for a ${update.definition.kind} rule and delete this one.`,
    );
  const schedule = update.definition.kind === "event" ? null : (update.schedule ?? rule.schedule);
  if (schedule) checkSchedule(schedule, rule.timezone);
  const next = schedule ? nextOccurrence(schedule, rule.timezone, now) : null;
  return change(
    db,
    scope,
    id,
    sql`kind = ${update.definition.kind}, title = ${update.title},
      definition = ${JSON.stringify(stored(update.definition))}::jsonb, schedule = ${schedule},
      next_run_at = ${next?.toISOString() ?? null}, in_episode = false, episode_started_at = null,
      episode_groups = '[]'::jsonb`,
  );
}

/**
 * A firing now, outside the schedule: "run alert 3 now" is a check like any
 * other (episodes apply); "send a test of alert 3" always sends what the rule
 * says now, marked as a test, and leaves the episode alone.
 */
export async function fireNow(
  db: Queryable,
  rule: AlertRule,
  purpose: "alert" | "test",
  now: Date,
): Promise<void> {
  if (rule.kind === "event" && purpose === "alert")
    throw new PulseError(
      "query_invalid",
      `Alert ${rule.id} fires as things happen; say "send a test of alert ${rule.id}" to see what it posts.`,
    );
  await db.rows(sql`insert into alert_firings (rule_id, occurrence, scheduled_for, purpose, next_attempt_at)
    values (${rule.id}, ${`${purpose === "test" ? "test" : "now"}:${now.toISOString()}`}, ${now.toISOString()}, ${purpose}, ${now.toISOString()})
    on conflict (rule_id, occurrence) do nothing`);
}

/** When each rule last reached its chat. */
export async function lastFirings(db: Queryable, ids: number[]): Promise<Map<number, Date>> {
  if (ids.length === 0) return new Map();
  const rows = await db.rows<{ rule_id: string | number; at: string }>(
    sql`select rule_id, max(delivered_at) as at from alert_firings
      where purpose = 'alert' and status = 'delivered'
        and rule_id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})
      group by rule_id`,
  );
  return new Map(rows.map((r) => [Number(r.rule_id), new Date(r.at)]));
}

export interface FiringRecord {
  ruleId: number;
  purpose: string;
  scheduledFor: Date;
  status: string;
  attempts: number;
  late: boolean;
  deliveredAt: Date | null;
  lastError: string | null;
  /** The rule's own zone, in which its firings are shown. */
  timezone: string;
}

/** The latest firings of the chat's rules (or of one rule), newest first. */
export async function firingHistory(
  db: Queryable,
  scope: RuleScope,
  id: number | null,
  limit = 20,
): Promise<FiringRecord[]> {
  if (id !== null) await getRule(db, scope, id);
  const rows = await db.rows<Row>(sql`select f.*, r.timezone from alert_firings f
    join alert_rules r on r.id = f.rule_id
    where ${scopeSql(scope)} ${id !== null ? sql`and r.id = ${id}` : sql``}
    order by f.scheduled_for desc, f.id desc limit ${limit}`);
  return rows.map((r) => ({
    ruleId: Number(r.rule_id),
    purpose: r.purpose as string,
    scheduledFor: new Date(r.scheduled_for as string),
    status: r.status as string,
    attempts: Number(r.attempts),
    late: r.late === true,
    deliveredAt: toDate(r.delivered_at),
    lastError: (r.last_error as string | null) ?? null,
    timezone: r.timezone as string,
  }));
}
