/**
 * The alert scheduler, safe with any number of Pulse processes on one
 * Postgres. Three steps per tick, each claiming its work with
 * `FOR UPDATE SKIP LOCKED` so processes never take the same item:
 *
 * 1. record due occurrences of scheduled rules as firings, unique per
 *    (rule, occurrence): a rule due twice is recorded once. After downtime only
 *    the latest missed occurrence is recorded, marked late: one late delivery,
 *    not a flood;
 * 2. match new rows of the change log against event rules (changes.ts);
 * 3. deliver firings: claim one (status "sending" with a lease), evaluate it
 *    once under the rule's lock (episodes), keep the message, send its parts
 *    (heading, each answer's text and chart), recording each part as the chat
 *    accepts it, and mark it delivered. A process that dies mid-way leaves a
 *    "sending" firing whose lease expires; the next claimer sends the parts
 *    not recorded, first asking the platform whether the one that was in
 *    flight already arrived (Slack can tell). Failures are retried with
 *    back-off; after MAX_ATTEMPTS the rule's owner is told. A rate-limited
 *    chat holds back its own firings only.
 *
 * Every "now" comes from the injected clock, so tests drive a year in seconds.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { isDirectChat } from "../access/access.js";
import type { Assistant, Reply } from "../assistant/types.js";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import { deliveryRefusal } from "./access.js";
import { collectChanges } from "./changes.js";
import { placeOf, whenInZone } from "./describe.js";
import { evaluateRule, evaluateTest, type OutcomeMessage } from "./evaluate.js";
import { loadMessage, storeMessage } from "./message.js";
import { ruleOf } from "./rules.js";
import { latestOccurrence, nextOccurrence } from "./schedule.js";
import {
  AlertChatClosedError,
  type AlertMessage,
  type AlertPlatform,
  AlertRateLimitedError,
  type AlertRule,
  type AlertSender,
  type AlertSenders,
  type AlertTarget,
  partsOf,
} from "./types.js";

export interface SchedulerOptions {
  /** How long a claim lasts before another process may take the firing over. */
  leaseMs?: number;
  /** A firing recorded later than this after its time is marked late. */
  graceMs?: number;
  maxAttempts?: number;
  /** First retry delay; each next one is four times longer, capped at an hour. */
  retryMs?: number;
  /** Real-time pause between ticks of `start()`. */
  intervalMs?: number;
  /** Event rows dated more than this before they arrive are summed up, not alerted one by one (24 h). */
  backfillAgeMs?: number;
}

export interface SchedulerDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  assistant: Assistant;
  senders: AlertSenders;
  options?: SchedulerOptions;
}

export interface TickResult {
  recorded: number;
  matched: number;
  delivered: number;
  skipped: number;
  failed: number;
  /** Firings put back because their chat is rate limited. */
  held: number;
}

export interface Scheduler {
  /** One pass of all three steps; delivers everything due. */
  tick(): Promise<TickResult>;
  /** Ticks every intervalMs until stopped. */
  start(): void;
  /** Finishes the tick in progress. */
  stop(): Promise<void>;
  /** When the last tick of `start()` finished without error (epoch ms); null before the first. */
  lastTickAt(): number | null;
}

type Row = Record<string, unknown>;

const SKIPPED_KEPT_MS = 7 * 24 * 3_600_000;

/** Another process claimed the firing after this one's lease ran out. */
class LeaseLostError extends Error {
  constructor(readonly firingId: number) {
    super(`the claim on alert firing ${firingId} expired and another process took it over`);
    this.name = "LeaseLostError";
  }
}

const iso = (d: Date) => d.toISOString();

/** How often a lasting tick failure is logged, and the longest pause between failing ticks. */
const FAILURE_LOG_MS = 60_000;

/** alert_firings.sent: part key -> the platform's reference to it. */
const sentOf = (value: unknown): Record<string, string> =>
  (typeof value === "string" ? JSON.parse(value) : (value ?? {})) as Record<string, string>;

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { db, clock, logger } = deps;
  const leaseMs = deps.options?.leaseMs ?? 120_000;
  const graceMs = deps.options?.graceMs ?? 10 * 60_000;
  const maxAttempts = deps.options?.maxAttempts ?? 5;
  const retryMs = deps.options?.retryMs ?? 30_000;
  const intervalMs = deps.options?.intervalMs ?? 5_000;

  /** Step 1: due occurrences become firings; the rule moves on to its next occurrence after now. */
  async function recordDue(now: Date): Promise<number> {
    return db.transaction(async (tx) => {
      const rows = await tx.rows<Row>(sql`select * from alert_rules
        where status = 'active' and next_run_at <= ${iso(now)}
        order by next_run_at limit 200 for update skip locked`);
      let recorded = 0;
      for (const rule of rows.map(ruleOf)) {
        const pattern = rule.schedule!;
        const scheduledFor = latestOccurrence(pattern, rule.timezone, now) ?? rule.nextRunAt!;
        const late = now.getTime() - scheduledFor.getTime() > graceMs;
        const inserted = await tx.rows(sql`insert into alert_firings
            (rule_id, occurrence, scheduled_for, late, next_attempt_at)
          values (${rule.id}, ${`at:${iso(scheduledFor)}`}, ${iso(scheduledFor)}, ${late}, ${iso(now)})
          on conflict (rule_id, occurrence) do nothing returning id`);
        recorded += inserted.length;
        const next = nextOccurrence(pattern, rule.timezone, now);
        await tx.rows(
          sql`update alert_rules set next_run_at = ${next ? iso(next) : null} where id = ${rule.id}`,
        );
      }
      return recorded;
    });
  }

  const answers = async (rule: AlertRule, questions: string[]): Promise<Reply[]> => {
    const replies: Reply[] = [];
    for (const text of questions) {
      replies.push(
        await deps.assistant.ask({
          conversationId: `alert:${rule.id}`,
          text,
          asker: {
            workspaceId: rule.workspaceId,
            platform: rule.platform,
            userId: rule.ownerId,
            chatId: rule.chatId,
            isDirect: isDirectChat(rule.platform, rule.chatId),
          },
        }),
      );
    }
    // An answer that failed is retried with the firing, not posted as an apology.
    const failed = replies.find((r) => r.kind === "error");
    if (failed) throw new Error(`answering the alert's question failed (${failed.text})`);
    return replies;
  };

  /**
   * Evaluates a firing once. The episode flag moves by compare-and-set in the
   * same transaction that keeps the message, so two processes evaluating
   * firings of one rule cannot both start (or both end) an episode: the loser
   * evaluates again against the new state. Returns null when there is nothing
   * to send (the firing is then marked skipped).
   */
  async function evaluateFiring(firing: Row, now: Date): Promise<AlertMessage | null> {
    for (let round = 0; ; round++) {
      const [row] = await db.rows<Row>(sql`select * from alert_rules where id = ${firing.rule_id}`);
      if (!row) return null;
      const rule = ruleOf(row);
      if (firing.purpose === "test") {
        const test = await evaluateTest({ db, assistant: deps.assistant }, rule, now);
        const message: AlertMessage = {
          key: `pulse-alert-${firing.id}`,
          ruleId: rule.id,
          heading: test.heading,
          why: test.why,
          late: false,
          actions: false,
          replies: await answers(rule, test.questions),
        };
        await db.rows(
          sql`update alert_firings set message = ${storeMessage(message)}::jsonb where id = ${firing.id}`,
        );
        return message;
      }
      const skip = (reason: string) =>
        sql`update alert_firings set status = 'skipped', last_error = ${reason}, lease_until = null where id = ${firing.id}`;
      if (rule.status !== "active") {
        await db.rows(skip("paused"));
        return null;
      }
      const outcome = await evaluateRule({ db, assistant: deps.assistant }, rule, now);
      // A snoozed rule keeps its episode up to date, so no stale alert arrives when the snooze ends.
      const snoozed = rule.snoozedUntil !== null && rule.snoozedUntil > now;
      const scheduledFor = new Date(firing.scheduled_for as string);
      const late = firing.late === true;
      const compose = async (said: OutcomeMessage, key: string): Promise<AlertMessage> => ({
        key,
        ruleId: rule.id,
        heading: said.heading,
        why: late
          ? `${said.why} Late: this was due ${whenInZone(scheduledFor, rule.timezone)}, while Pulse was not running; earlier missed runs were skipped.`
          : said.why,
        late,
        actions: true,
        replies: await answers(rule, said.questions),
      });
      const message: AlertMessage | null =
        outcome.message && !snoozed
          ? await compose(outcome.message, `pulse-alert-${firing.id}`)
          : null;
      // A per-group rule may start or end several groups' episodes at once: one message each.
      const more = snoozed ? [] : (outcome.more ?? []);
      const groups = JSON.stringify(outcome.groups ?? []);
      const won = await db.transaction(async (tx) => {
        const moved = await tx.rows(sql`update alert_rules set in_episode = ${outcome.inEpisode},
            episode_started_at = case when ${outcome.inEpisode} then coalesce(episode_started_at, ${iso(now)}::timestamptz) end,
            episode_groups = ${groups}::jsonb
          where id = ${rule.id} and in_episode = ${rule.inEpisode}
            and episode_groups = ${JSON.stringify(rule.episodeGroups)}::jsonb returning id`);
        if (moved.length === 0) return false;
        await tx.rows(
          message
            ? sql`update alert_firings set message = ${storeMessage(message)}::jsonb where id = ${firing.id}`
            : skip(snoozed ? "snoozed" : "nothing to report"),
        );
        for (const [i, said] of more.entries()) {
          const [extra] = await tx.rows<{ id: number }>(sql`insert into alert_firings
              (rule_id, occurrence, scheduled_for, late, next_attempt_at)
            values (${rule.id}, ${`${firing.occurrence}+${i + 1}`}, ${iso(scheduledFor)}, ${late}, ${iso(now)})
            on conflict (rule_id, occurrence) do nothing returning id`);
          if (extra)
            await tx.rows(sql`update alert_firings
              set message = ${storeMessage(await compose(said, `pulse-alert-${extra.id}`))}::jsonb
              where id = ${extra.id}`);
        }
        return true;
      });
      if (won) return message;
      if (round >= 5) throw new Error(`alert ${rule.id} kept changing while being evaluated`);
    }
  }

  // A process claims only firings it can deliver: one without Telegram leaves Telegram's to others.
  const platforms = Object.keys(deps.senders) as AlertPlatform[];
  const served = sql.join(
    platforms.map((p) => sql`${p}`),
    sql`, `,
  );

  /** This process's claim: renewed before each part is sent, so a slow sender knows when another took over. */
  type Claimed = Row & { was: string; lease: string };

  async function claim(now: Date): Promise<Claimed | null> {
    if (platforms.length === 0) return null;
    const lease = iso(new Date(now.getTime() + leaseMs));
    const [row] = await db.rows<Row & { was: string }>(sql`with c as (
        select id, status as was from alert_firings
        where ((status = 'pending' and next_attempt_at <= ${iso(now)})
           or (status = 'sending' and lease_until <= ${iso(now)}))
          and rule_id in (select id from alert_rules where platform in (${served}))
        order by next_attempt_at, id limit 1 for update skip locked)
      update alert_firings f set status = 'sending', attempts = f.attempts + 1,
        lease_until = ${lease}
      from c where f.id = c.id
      returning f.*, c.was`);
    return row ? { ...row, lease } : null;
  }

  async function targetOf(firing: Row): Promise<{ target: AlertTarget; rule: AlertRule } | null> {
    const [row] = await db.rows<Row>(sql`select * from alert_rules where id = ${firing.rule_id}`);
    if (!row) return null;
    const rule = ruleOf(row);
    const chatId = firing.purpose === "owner_notice" ? rule.ownerId : rule.chatId;
    return { target: { platform: rule.platform, chatId }, rule };
  }

  async function fail(
    firing: Row,
    rule: AlertRule,
    error: unknown,
    now: Date,
  ): Promise<"retry" | "failed"> {
    const attempts = Number(firing.attempts);
    const reason = error instanceof Error ? error.message : String(error);
    if (attempts < maxAttempts) {
      const delay = Math.min(retryMs * 4 ** (attempts - 1), 3_600_000);
      await db.rows(sql`update alert_firings set status = 'pending', lease_until = null, last_error = ${reason},
        next_attempt_at = ${iso(new Date(now.getTime() + delay))} where id = ${firing.id}`);
      logger.warn(
        { firing: firing.id, rule: rule.id, attempts, err: error },
        "alert delivery failed; will retry",
      );
      return "retry";
    }
    await db.rows(sql`update alert_firings set status = 'failed', lease_until = null, last_error = ${reason}
      where id = ${firing.id}`);
    logger.error(
      { firing: firing.id, rule: rule.id, attempts, err: error },
      "alert delivery failed for good",
    );
    if (firing.purpose === "alert")
      await tellOwner(
        rule,
        `notice:${firing.id}`,
        `Pulse could not deliver alert ${rule.id} (${rule.title}) to its chat after ${attempts} attempts.`,
        `Last error: ${reason}. Check that Pulse is still in that chat and allowed to post there.`,
        now,
      );
    return "failed";
  }

  /** Never silence: the owner hears in a direct message, a firing of its own retried the same way. */
  async function tellOwner(
    rule: AlertRule,
    occurrence: string,
    heading: string,
    why: string,
    now: Date,
  ): Promise<void> {
    const notice: AlertMessage = {
      key: `pulse-alert-${occurrence.replace(/[^\w-]/g, "-")}`,
      ruleId: rule.id,
      heading,
      why,
      late: false,
      actions: false,
      replies: [],
    };
    await db.rows(sql`insert into alert_firings
        (rule_id, occurrence, scheduled_for, purpose, next_attempt_at, message)
      values (${rule.id}, ${occurrence}, ${iso(now)}, 'owner_notice', ${iso(now)}, ${storeMessage(notice)}::jsonb)
      on conflict (rule_id, occurrence) do nothing`);
  }

  /**
   * The rule cannot be delivered as things are (its chat refused it for good,
   * or it lost its access): it is paused with the reason, shown in `list
   * alerts`, and its owner is told once with the fix, instead of the rule
   * being retried for long or skipped silently at every run.
   */
  async function block(rule: AlertRule, problem: string, fix: string, now: Date): Promise<void> {
    const reason = `${problem}; ${fix}, then resume it`;
    const blocked =
      await db.rows(sql`update alert_rules set status = 'paused', blocked_reason = ${reason}
      where id = ${rule.id} and blocked_reason is null returning id`);
    if (blocked.length === 0) return;
    logger.error({ rule: rule.id, reason }, "alert rule blocked: it cannot be delivered");
    await tellOwner(
      rule,
      `blocked:${iso(now)}`,
      `Pulse paused alert ${rule.id} (${rule.title}): ${problem}.`,
      `To start it again, ${fix}, then say "resume alert ${rule.id}" in ${placeOf(rule)} (or run pulse alert resume --platform ${rule.platform} --chat ${rule.chatId} ${rule.id}).`,
      now,
    );
  }

  /**
   * Sends the parts of `message` not yet recorded on the firing, recording
   * each as soon as the chat accepted it. Only the first missing part can have
   * been in flight when an earlier attempt stopped (a kill, an error after the
   * chat took it): where the platform can tell, that one is looked up first.
   */
  async function sendParts(
    firing: Claimed,
    target: AlertTarget,
    sender: AlertSender,
    message: AlertMessage,
  ): Promise<Record<string, string>> {
    const sent = { ...sentOf(firing.sent) };
    const missing = partsOf(message).filter((part) => sent[part.key] === undefined);
    let mayBeInFlight = firing.was === "sending" || Number(firing.attempts) > 1;
    const since = new Date(firing.scheduled_for as string);
    for (const [i, part] of missing.entries()) {
      const thread = sent[message.key] ?? null;
      const found =
        mayBeInFlight && sender.find
          ? await sender.find(target, message, part, thread, since)
          : null;
      mayBeInFlight = false;
      await renew(firing);
      const ref = found ?? (await sender.send(target, message, part, thread));
      sent[part.key] = ref;
      // The last part is recorded together with the delivery.
      if (i < missing.length - 1)
        await db.rows(sql`update alert_firings set sent = sent || ${JSON.stringify({ [part.key]: ref })}::jsonb
          where id = ${firing.id}`);
    }
    return sent;
  }

  /**
   * Renews this process's lease just before a part goes out. A process slowed
   * down past its lease (a long evaluation on a loaded machine) finds another
   * process has taken the firing over and stops, instead of sending a part
   * the other will send too.
   */
  async function renew(firing: Claimed): Promise<void> {
    const lease = iso(new Date(clock.now().getTime() + leaseMs));
    const renewed = await db.rows(sql`update alert_firings set lease_until = ${lease}
      where id = ${firing.id} and status = 'sending' and lease_until = ${firing.lease} returning id`);
    if (renewed.length === 0) throw new LeaseLostError(Number(firing.id));
    firing.lease = lease;
  }

  /**
   * A rate-limited chat: this firing and the chat's other pending firings wait
   * as long as it asked, without counting an attempt; other chats go on.
   */
  async function holdChat(
    firing: Row,
    target: AlertTarget,
    error: AlertRateLimitedError,
    now: Date,
  ): Promise<void> {
    const until = iso(new Date(now.getTime() + error.retryAfterMs));
    await db.rows(sql`update alert_firings set status = 'pending', lease_until = null,
      attempts = greatest(attempts - 1, 0), last_error = ${error.message}, next_attempt_at = ${until}
      where id = ${firing.id}`);
    await db.rows(sql`update alert_firings f set next_attempt_at = greatest(f.next_attempt_at, ${until}::timestamptz)
      from alert_rules r
      where f.rule_id = r.id and f.status = 'pending' and f.purpose = 'alert'
        and r.platform = ${target.platform} and r.chat_id = ${target.chatId}`);
    logger.warn(
      { firing: firing.id, chat: target.chatId, retryAfterMs: error.retryAfterMs },
      "alert chat rate limited; its firings wait",
    );
  }

  /** Step 3 for one firing; false when nothing was due. */
  async function deliverOne(result: TickResult): Promise<boolean> {
    const now = clock.now();
    const firing = await claim(now);
    if (!firing) return false;
    const found = await targetOf(firing);
    if (!found) return true;
    const { target, rule } = found;
    const silenced =
      rule.status !== "active" || (rule.snoozedUntil !== null && rule.snoozedUntil > now);
    if (
      firing.purpose === "alert" &&
      firing.message != null &&
      firing.was !== "sending" &&
      silenced
    ) {
      await db.rows(sql`update alert_firings set status = 'skipped', lease_until = null,
        last_error = ${rule.status !== "active" ? "paused" : "snoozed"} where id = ${firing.id}`);
      result.skipped++;
      return true;
    }
    // Rules change after an alert is made: its numbers (and any customer's name) go only where they are allowed now.
    const personal =
      firing.message != null && loadMessage(firing.message).personal === true ? "personal" : null;
    const refusal =
      (firing.purpose === "alert" || personal) &&
      (await deliveryRefusal(db, { ...rule, userId: rule.ownerId }, personal ?? "aggregate"));
    if (refusal) {
      await db.rows(sql`update alert_firings set status = 'skipped', lease_until = null,
        last_error = ${refusal} where id = ${firing.id}`);
      await block(rule, refusal, "ask a Pulse admin to allow it", now);
      result.skipped++;
      return true;
    }
    try {
      let message: AlertMessage | null;
      if (firing.message === null || firing.message === undefined) {
        message = await evaluateFiring(firing, now);
        if (!message) {
          result.skipped++;
          return true;
        }
      } else message = loadMessage(firing.message);
      const sender = deps.senders[target.platform];
      if (!sender) throw new Error(`no ${target.platform} adapter is running to deliver alerts`);
      const sent = await sendParts(firing, target, sender, message);
      const done =
        await db.rows(sql`update alert_firings set status = 'delivered', sent = ${JSON.stringify(sent)}::jsonb,
        delivered_at = ${iso(clock.now())}, lease_until = null, last_error = null
        where id = ${firing.id} and lease_until = ${firing.lease} returning id`);
      if (done.length > 0) result.delivered++;
    } catch (error) {
      if (error instanceof LeaseLostError)
        logger.warn(
          { firing: firing.id },
          "alert firing taken over by another process; left to it",
        );
      else if (error instanceof AlertRateLimitedError) {
        await holdChat(firing, target, error, now);
        result.held++;
      } else if (error instanceof AlertChatClosedError) {
        await db.rows(sql`update alert_firings set status = 'failed', lease_until = null,
          last_error = ${error.message} where id = ${firing.id}`);
        if (firing.purpose === "owner_notice")
          logger.error(
            { firing: firing.id, rule: rule.id, err: error },
            "the alert's owner cannot be told: their chat refused the notice",
          );
        else await block(rule, error.problem, error.fix, now);
        result.failed++;
      } else if ((await fail(firing, rule, error, now)) === "failed") result.failed++;
    }
    return true;
  }

  let running: Promise<unknown> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  async function tick(): Promise<TickResult> {
    const result: TickResult = {
      recorded: 0,
      matched: 0,
      delivered: 0,
      skipped: 0,
      failed: 0,
      held: 0,
    };
    const now = clock.now();
    result.recorded = await recordDue(now);
    result.matched = await collectChanges(db, now, {
      ...(deps.options?.backfillAgeMs !== undefined
        ? { backfillAgeMs: deps.options.backfillAgeMs }
        : {}),
    });
    while (!stopped && (await deliverOne(result))) {}
    // A check with nothing to report leaves a skipped firing; a week of them is history enough.
    await db.rows(sql`delete from alert_firings where status = 'skipped'
      and scheduled_for < ${iso(new Date(now.getTime() - SKIPPED_KEPT_MS))}`);
    return result;
  }

  // While ticks fail (the database is down, say) the pause doubles up to a
  // minute and the failure is logged once a minute, not at every tick.
  let failures = 0;
  let saidAt = Number.NEGATIVE_INFINITY;
  let lastTickAt: number | null = null;
  const loop = () => {
    if (stopped) return;
    running = tick()
      .then(() => {
        lastTickAt = Date.now();
        if (failures > 0) logger.info({ failures }, "alert scheduler recovered");
        failures = 0;
      })
      .catch((error: unknown) => {
        failures++;
        if (Date.now() - saidAt < FAILURE_LOG_MS) return;
        saidAt = Date.now();
        logger.error(
          { err: error, failures },
          "alert scheduler tick failed; retrying with back-off, logged once a minute while it lasts",
        );
      })
      .finally(() => {
        running = null;
        const pause = Math.min(intervalMs * 2 ** failures, Math.max(intervalMs, FAILURE_LOG_MS));
        if (!stopped) timer = setTimeout(loop, pause);
      });
  };

  return {
    tick,
    lastTickAt: () => lastTickAt,
    start() {
      stopped = false;
      loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
