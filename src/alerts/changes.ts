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
 *
 * Deals arrive when they are new or change stage (migration 0021); names of
 * deals and customers only go to a direct message allowed to see them.
 *
 * Floods: a row dated more than a day (configurable) before it arrived is a
 * backfill (an import of last year's orders), not news: such rows are
 * summed up in one message per rule ("25 orders from January 2025
 * imported"), never alerted one by one.
 */

import { sql } from "drizzle-orm";
import type { Database, Queryable } from "../../db/client.js";
import { createAccess, isDirectChat } from "../access/access.js";
import { formatValue } from "../answers/format.js";
import { getWorkspace, type Workspace } from "../workspace/workspace.js";
import { dealHappenedAt } from "./deals.js";
import { describeEvent, matchesEvent } from "./evaluate.js";
import { storeMessage } from "./message.js";
import { ruleOf } from "./rules.js";
import type { AlertMessage, AlertRule, EventDefinition, EventSource } from "./types.js";

/** The advisory lock key shared with the triggers of migration 0007. */
const CHANGE_LOCK = 7_207_307;
const BATCH = 1000;

/** When each source's row happened (null: just now): a row dated long before it arrived is a backfill. */
const happenedAt: Record<EventSource, (row: Row) => string | null> = {
  order: (row) => String(row.ordered_at),
  signup: (row) => String(row.signup_at),
  churn: (row) => String(row.churned_at),
  deal: dealHappenedAt,
  event: (row) => String(row.occurred_at),
};

/**
 * Whether a rule's chat may see customers' names (personal data: only a
 * direct message whose person is allowed), and the name of the row's customer
 * when it may.
 */
async function namesFor(
  tx: Queryable,
  rule: AlertRule,
  row: Row,
): Promise<{ allowed: boolean; customer: string | null }> {
  if (!isDirectChat(rule.platform, rule.chatId)) return { allowed: false, customer: null };
  const decision = await createAccess(tx, rule.workspaceId).may(
    { platform: rule.platform, userId: rule.ownerId },
    { chatId: rule.chatId, isDirect: true },
    "personal",
  );
  if (!decision.allowed) return { allowed: false, customer: null };
  const id = row.customer_id;
  if (typeof id !== "string" || !id) return { allowed: true, customer: null };
  const [customer] = await tx.rows<{ name: string | null }>(
    sql`select name from customers where workspace_id = ${rule.workspaceId} and id = ${id}`,
  );
  return { allowed: true, customer: customer?.name ?? null };
}

type Row = Record<string, unknown>;

/** A survey detractor's event answered in a chat: its response, which the alert's Reply button answers. */
function detractorOf(def: EventDefinition, row: Row): { responseId: string } | null {
  if (def.source !== "event" || row.kind !== "survey_detractor") return null;
  const props = (
    typeof row.properties === "string" ? JSON.parse(row.properties) : (row.properties ?? {})
  ) as { responseId?: unknown };
  const id = props.responseId;
  return typeof id === "string" && id.startsWith("prompt-") ? { responseId: id } : null;
}

/** Old rows one rule matched in this pass: summed up in one message, not one alert each. */
interface Backfill {
  count: number;
  amount: number;
  first: Date;
  last: Date;
  firstId: number;
  lastId: number;
}

export interface CollectOptions {
  /** Rows dated more than this before now never fire one by one (default 24 h). */
  backfillAgeMs?: number;
}

/** Matches new changes against event rules; returns how many firings it recorded. */
export async function collectChanges(
  db: Database,
  now: Date,
  options: CollectOptions = {},
): Promise<number> {
  const backfillAgeMs = options.backfillAgeMs ?? 24 * 3_600_000;
  return db.transaction(async (tx) => {
    const [lock] = await tx.rows<{ ok: boolean }>(
      sql`select pg_try_advisory_xact_lock(${CHANGE_LOCK}) as ok`,
    );
    if (!lock?.ok) return 0;
    // An event rule this version cannot read is listed as needing an edit; it matches nothing meanwhile.
    const rules = (
      await tx.rows<Row>(sql`select * from alert_rules where kind = 'event' and status = 'active'
        order by id for update skip locked`)
    )
      .map(ruleOf)
      .flatMap(({ definition, ...rule }) =>
        definition.kind === "event" ? [{ ...rule, definition }] : [],
      );
    // Changes every rule has seen are of no further use.
    await tx.rows(sql`delete from alert_changes where id <= coalesce(
      (select min(change_cursor) from alert_rules where kind = 'event' and status = 'active'),
      (select max(id) from alert_changes))`);
    if (rules.length === 0) return 0;
    let floor = Math.min(...rules.map((r) => r.changeCursor));
    const backfills = new Map<number, Backfill>();
    const workspaces = new Map<string, Workspace>();
    const workspaceOf = async (id: string) => {
      if (!workspaces.has(id)) workspaces.set(id, await getWorkspace(tx, id));
      return workspaces.get(id)!;
    };
    let recorded = 0;
    // Every pending change in one pass, so a backfill of any size gives one summary per rule.
    for (;;) {
      const changes = await tx.rows<{
        id: string | number;
        workspace_id: string;
        source: string;
        row: unknown;
      }>(
        sql`select id, workspace_id, source, row from alert_changes where id > ${floor} order by id limit ${BATCH}`,
      );
      if (changes.length === 0) break;
      for (const rule of rules) {
        const def = rule.definition;
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
          const when = happenedAt[def.source](row);
          const at = when === null ? now : new Date(when);
          if (now.getTime() - at.getTime() > backfillAgeMs) {
            const b = backfills.get(rule.id);
            const amount = Number(row.amount ?? 0) || 0;
            if (!b)
              backfills.set(rule.id, {
                count: 1,
                amount,
                first: at,
                last: at,
                firstId: id,
                lastId: id,
              });
            else {
              b.count++;
              b.amount += amount;
              if (at < b.first) b.first = at;
              if (at > b.last) b.last = at;
              b.lastId = id;
            }
            continue;
          }
          const { currency, timezone } = await workspaceOf(rule.workspaceId);
          const detractor = detractorOf(def, row);
          const names =
            def.source === "deal" || detractor ? await namesFor(tx, rule, row) : undefined;
          const text = describeEvent(rule, def, row, currency, timezone, names);
          const personal = names?.allowed === true;
          const reply = detractor ? { reply: detractor } : {};
          if (
            await recordFiring(tx, rule.id, `change:${id}`, id, now, {
              ...text,
              personal,
              ...reply,
            })
          )
            recorded++;
        }
      }
      floor = Number(changes.at(-1)!.id);
      for (const rule of rules)
        await tx.rows(
          sql`update alert_rules set change_cursor = greatest(change_cursor, ${floor}) where id = ${rule.id}`,
        );
      if (changes.length < BATCH) break;
    }
    for (const rule of rules) {
      const b = backfills.get(rule.id);
      if (!b) continue;
      const { currency, timezone } = await workspaceOf(rule.workspaceId);
      const text = describeBackfill(rule, rule.definition, b, {
        currency,
        timezone,
        backfillAgeMs,
      });
      if (await recordFiring(tx, rule.id, `backfill:${b.firstId}-${b.lastId}`, b.lastId, now, text))
        recorded++;
    }
    return recorded;
  });
}

/** A firing with its message ready, unique per rule and occurrence; false when it was already recorded. */
async function recordFiring(
  tx: Queryable,
  ruleId: number,
  occurrence: string,
  changeId: number,
  now: Date,
  text: { heading: string; why: string; personal?: boolean; reply?: { responseId: string } },
): Promise<boolean> {
  const [firing] = await tx.rows<{ id: number }>(sql`insert into alert_firings
      (rule_id, occurrence, scheduled_for, change_id, next_attempt_at)
    values (${ruleId}, ${occurrence}, ${now.toISOString()}, ${changeId}, ${now.toISOString()})
    on conflict (rule_id, occurrence) do nothing returning id`);
  if (!firing) return false;
  const message: AlertMessage = {
    key: `pulse-alert-${firing.id}`,
    ruleId,
    ...text,
    late: false,
    actions: true,
    replies: [],
  };
  await tx.rows(
    sql`update alert_firings set message = ${storeMessage(message)}::jsonb where id = ${firing.id}`,
  );
  return true;
}

const monthYear = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone, month: "long", year: "numeric" }).format(at);

const nouns: Record<EventSource, [string, string]> = {
  order: ["order", "orders"],
  signup: ["signup", "signups"],
  churn: ["churned customer", "churned customers"],
  deal: ["deal", "deals"],
  event: ["event", "events"],
};

/** "25 orders from January 2025 imported (€12,400 in total)." */
function describeBackfill(
  rule: AlertRule,
  def: EventDefinition,
  b: Backfill,
  place: { currency: string; timezone: string; backfillAgeMs: number },
): { heading: string; why: string } {
  const [one, many] = nouns[def.source];
  const from = monthYear(b.first, place.timezone);
  const to = monthYear(b.last, place.timezone);
  const span = from === to ? `from ${from}` : `from ${from} to ${to}`;
  const total =
    def.source === "order" || def.source === "deal"
      ? ` (${formatValue(b.amount, "money", place.currency)} in total)`
      : "";
  const hours = Math.round(place.backfillAgeMs / 3_600_000);
  return {
    heading: `Alert ${rule.id}: ${b.count} ${b.count === 1 ? one : many} ${span} imported${total}.`,
    why: `Rows dated more than ${hours} hours before they arrived are summed up in one message, not alerted one by one (${rule.title}).`,
  };
}
