/**
 * The delivery engine, shared by every platform. Prompts are the queue:
 * a sender claims a batch of pending rows with FOR UPDATE SKIP LOCKED and
 * marks them "sending" in that same committed statement, so several senders
 * (in one process or many) never hold the same prompt. Each is sent through
 * the platform's transport under its rate limits, and the outcome recorded.
 *
 * A crash leaves the prompts it held in "sending". Neither Telegram nor
 * Slack can be asked whether a request arrived, so each prompt is marked
 * "dispatched" (committed) just before its request leaves. After the lease
 * (`leaseMs`) another sender puts the crashed one's undispatched prompts back
 * to pending, and records the dispatched ones as sent, unconfirmed: they were
 * on the wire, and sending them again would ask those customers twice. The
 * one case left is a crash between that commit and the request leaving (no
 * await stands between them): that customer is not asked in this campaign,
 * and `pulse survey status` counts the prompt as unconfirmed.
 *
 * Respect for the customer: a prompt still unsent when its kind's expiry has
 * passed is dropped ("expired"), never sent late; and one claimed in the
 * customer's quiet hours (their local time, see zones.ts) waits, unsent, for
 * the end of them.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Database, instant } from "../../db/client.js";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { SurveyKind } from "./kinds.js";
import { createRateLimiter, type RateLimiter } from "./rate-limit.js";
import type { Wording } from "./texts.js";
import type { OutgoingPrompt, SurveyTransport } from "./transport.js";
import { customerZone, isQuiet, type QuietHours, quietUntil } from "./zones.js";

export interface DeliveryStats {
  sent: number;
  unreachable: number;
  failed: number;
  /** Transient failures put back for a later attempt. */
  retried: number;
  /** 429 answers (each waited out as the platform said). */
  rateLimited: number;
  /** Dropped at claim or right before sending: opted out, or no longer reachable on this channel. */
  cancelled: number;
  /** Prompts of a crashed sender put back to pending (it had not sent them). */
  recovered: number;
  /** Prompts a crashed sender had on the wire: recorded as sent, unconfirmed, not sent again. */
  unconfirmed: number;
  /** Dropped unsent: queued longer ago than their kind's expiry. */
  expired: number;
  /** Put back until the customer's quiet hours are over. */
  deferred: number;
}

export interface SurveySenderOptions {
  db: Database;
  workspaceId: string;
  transport: SurveyTransport;
  wording: Wording;
  clock: Clock;
  logger: Logger;
  /** Names this sender in claimed rows; unique per process by default. */
  workerId?: string;
  batchSize?: number;
  /** Requests in flight at once (the limiter still spaces their starts). */
  inFlight?: number;
  /** How long a claim is good for before another sender may take the prompt back. */
  leaseMs?: number;
  /** Attempts before a transiently failing prompt is given up as failed. */
  maxAttempts?: number;
  limiter?: RateLimiter;
  /** Days after queuing when an unsent prompt of each kind is dropped; unset kinds never expire. */
  expireDays?: Partial<Record<SurveyKind, number>>;
  /** The customer's local hours in which nothing is sent; unset: any hour. */
  quietHours?: QuietHours | null;
  /** The zone of a customer whose country and locale say none (the workspace's). */
  timezone?: string;
}

export interface SurveySender {
  /** Sends every prompt that is due, then resolves (also when stopped). */
  drain(): Promise<DeliveryStats>;
  /** Stops taking new prompts; what is in flight finishes, the rest goes back to pending. */
  stop(): void;
  readonly stats: DeliveryStats;
}

type Claimed = {
  id: number;
  kind: SurveyKind;
  customer_id: string;
  attempts: number;
  telegram_chat_id: string | null;
  slack_user_id: string | null;
  locale: string | null;
  country: string | null;
  survey_opt_out: boolean;
  demo: boolean;
};

/** The note on a prompt a crashed sender had on the wire. */
export const UNCONFIRMED = "unconfirmed: the sender stopped while this prompt was on its way";

/** Transient failures wait 30 s, 2 min, 8 min... */
const backoffMs = (attempts: number): number => 30_000 * 4 ** Math.max(0, attempts - 1);

export function createSurveySender(o: SurveySenderOptions): SurveySender {
  const workerId = o.workerId ?? `sender-${randomUUID()}`;
  const batchSize = o.batchSize ?? 100;
  const inFlight = o.inFlight ?? 8;
  const leaseMs = o.leaseMs ?? 120_000;
  const maxAttempts = o.maxAttempts ?? 5;
  const limiter = o.limiter ?? createRateLimiter(o.transport.limits);
  const channel = o.transport.channel;
  const ws = o.workspaceId;
  const stats: DeliveryStats = {
    sent: 0,
    unreachable: 0,
    failed: 0,
    retried: 0,
    rateLimited: 0,
    cancelled: 0,
    recovered: 0,
    unconfirmed: 0,
    expired: 0,
    deferred: 0,
  };
  let stopping = false;

  const recoverAbandoned = async () => {
    const expired = instant(new Date(o.clock.now().getTime() - leaseMs));
    const abandoned = sql`workspace_id = ${ws} and channel = ${channel} and status = 'sending'
      and claimed_at < ${expired}`;
    const onTheWire = await o.db.rows(sql`update survey_prompts
      set status = 'sent', sent_at = dispatched_at, claimed_by = null,
        error = ${UNCONFIRMED}
      where ${abandoned} and dispatched_at is not null
      returning id`);
    const notSent = await o.db.rows(sql`update survey_prompts
      set status = 'pending', claimed_by = null, claimed_at = null
      where ${abandoned} and dispatched_at is null
      returning id`);
    stats.unconfirmed += onTheWire.length;
    stats.recovered += notSent.length;
    if (onTheWire.length + notSent.length > 0)
      o.logger.warn(
        { unconfirmed: onTheWire.length, putBack: notSent.length },
        "survey prompts of a stopped sender recovered",
      );
  };

  /** Unsent prompts past their kind's expiry are dropped, not sent late. */
  const expireStale = async () => {
    for (const [kind, days] of Object.entries(o.expireDays ?? {})) {
      if (days === undefined || days <= 0) continue;
      const oldest = instant(new Date(o.clock.now().getTime() - days * 86_400_000));
      const rows = await o.db.rows(sql`update survey_prompts
        set status = 'cancelled', error = ${`expired: not sent within ${days} days`}
        where workspace_id = ${ws} and channel = ${channel} and status = 'pending'
          and kind = ${kind} and created_at < ${oldest}
        returning id`);
      stats.expired += rows.length;
    }
  };

  /** When the customer's quiet hours end, or null when they are not in them. */
  const quietFor = (item: Claimed): Date | null => {
    if (!o.quietHours) return null;
    const zone = customerZone(item.country, item.locale) ?? o.timezone ?? "UTC";
    const now = o.clock.now();
    return isQuiet(now, zone, o.quietHours) ? quietUntil(now, zone, o.quietHours) : null;
  };

  const claim = async (): Promise<Claimed[]> => {
    const now = o.clock.now();
    const rows = await o.db.rows<Claimed>(sql`with claimed as (
        select id from survey_prompts
        where workspace_id = ${ws} and channel = ${channel} and status = 'pending'
          and (not_before is null or not_before <= ${instant(now)})
        order by id limit ${batchSize}
        for update skip locked
      )
      update survey_prompts p
      set status = 'sending', claimed_by = ${workerId}, claimed_at = ${instant(now)}, attempts = p.attempts + 1
      from claimed, customers c
      where p.id = claimed.id and c.workspace_id = p.workspace_id and c.id = p.customer_id
      returning p.id, p.kind, p.customer_id, p.attempts, c.telegram_chat_id, c.slack_user_id,
        c.locale, c.country, c.survey_opt_out, c.demo`);
    return rows.map((r) => ({ ...r, id: Number(r.id) })).sort((a, b) => a.id - b.id);
  };

  const setStatus = (id: number, status: string, error: string | null) =>
    o.db.rows(sql`update survey_prompts set status = ${status}, error = ${error}, claimed_by = null
      where id = ${id} and status = 'sending'`);

  const release = (ids: number[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : o.db.rows(sql`update survey_prompts set status = 'pending', claimed_by = null, claimed_at = null,
          attempts = attempts - 1
        where id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}) and status = 'sending' and claimed_by = ${workerId}`);

  /** Renews the claim before sending again after a 429 (nothing was delivered); false when another sender took the prompt back. */
  const renew = async (id: number): Promise<boolean> => {
    const rows = await o.db.rows(sql`update survey_prompts
      set claimed_at = ${instant(o.clock.now())}, dispatched_at = null
      where id = ${id} and status = 'sending' and claimed_by = ${workerId} returning id`);
    return rows.length === 1;
  };

  /**
   * Marks the prompt as on the wire, or cancels it when the customer opted
   * out since the claim (a /stop while the prompt waited for the limiter).
   * "lost" when the claim ran out and another sender has the prompt.
   */
  const dispatch = async (id: number): Promise<"dispatched" | "opted_out" | "lost"> => {
    const rows = await o.db.rows<{ status: string }>(sql`update survey_prompts p
      set dispatched_at = case when c.survey_opt_out then null else ${instant(o.clock.now())} end,
        status = case when c.survey_opt_out then 'cancelled' else p.status end,
        error = case when c.survey_opt_out then 'opted out' else p.error end,
        claimed_by = case when c.survey_opt_out then null else p.claimed_by end
      from customers c
      where p.id = ${id} and p.status = 'sending' and p.claimed_by = ${workerId}
        and c.workspace_id = p.workspace_id and c.id = p.customer_id
      returning p.status`);
    if (rows.length === 0) return "lost";
    return rows[0]!.status === "cancelled" ? "opted_out" : "dispatched";
  };

  const deliverOne = async (item: Claimed, queue: Claimed[], leftover: Claimed[]) => {
    const address = channel === "telegram" ? item.telegram_chat_id : item.slack_user_id;
    // A demo customer's chat id is made up: whoever has that id is a stranger.
    if (item.demo || item.survey_opt_out || !address) {
      stats.cancelled++;
      const reason = item.demo ? "demo customer" : item.survey_opt_out ? "opted out" : "no address";
      return setStatus(item.id, "cancelled", reason);
    }
    const wakeAt = quietFor(item);
    if (wakeAt) {
      stats.deferred++;
      await o.db.rows(sql`update survey_prompts set status = 'pending', claimed_by = null,
          claimed_at = null, attempts = attempts - 1, not_before = ${instant(wakeAt)}
        where id = ${item.id} and status = 'sending' and claimed_by = ${workerId}`);
      return;
    }
    const completed = await limiter.acquire(address);
    if (stopping) {
      completed();
      leftover.push(item);
      return;
    }
    const prompt: OutgoingPrompt = {
      promptId: item.id,
      kind: item.kind,
      customerId: item.customer_id,
      address,
      texts: o.wording.for(item.locale),
    };
    const dispatched = await dispatch(item.id);
    if (dispatched !== "dispatched") {
      completed();
      if (dispatched === "opted_out") stats.cancelled++;
      return;
    }
    const outcome = await o.transport
      .send(prompt)
      .catch((error: unknown) => ({
        status: "failed" as const,
        reason: error instanceof Error ? error.message : String(error),
        retryable: true,
      }))
      .finally(completed);
    switch (outcome.status) {
      case "sent":
        stats.sent++;
        // An answer may already have arrived (a fast tap): it keeps its "answered".
        await o.db.rows(sql`update survey_prompts
          set status = case when status = 'sending' then 'sent' else status end,
            sent_at = ${instant(o.clock.now())}, message_id = ${outcome.messageId},
            poll_id = ${outcome.pollId ?? null}, error = null, claimed_by = null
          where id = ${item.id}`);
        return;
      case "rate_limited":
        stats.rateLimited++;
        limiter.pauseFor(outcome.retryAfterSeconds * 1000);
        if (await renew(item.id)) queue.unshift(item);
        return;
      case "unreachable":
        stats.unreachable++;
        // Marked on the customer, so the next campaign does not ask a chat that blocked the bot again.
        if (o.transport.channel === "telegram")
          await o.db.rows(sql`update customers set telegram_unreachable = ${outcome.reason}
            where workspace_id = ${o.workspaceId} and id = ${item.customer_id}`);
        return setStatus(item.id, "unreachable", outcome.reason);
      case "failed":
        if (outcome.retryable && item.attempts < maxAttempts) {
          stats.retried++;
          await o.db.rows(sql`update survey_prompts set status = 'pending', error = ${outcome.reason},
              claimed_by = null, claimed_at = null, dispatched_at = null,
              not_before = ${instant(new Date(o.clock.now().getTime() + backoffMs(item.attempts)))}
            where id = ${item.id} and status = 'sending'`);
          return;
        }
        stats.failed++;
        o.logger.warn({ prompt: item.id, reason: outcome.reason }, "survey prompt failed");
        return setStatus(item.id, "failed", outcome.reason);
    }
  };

  const deliverBatch = async (batch: Claimed[]) => {
    const queue = [...batch];
    const leftover: Claimed[] = [];
    await Promise.all(
      Array.from({ length: Math.min(inFlight, queue.length) }, async () => {
        while (queue.length > 0) {
          const item = queue.shift()!;
          if (stopping) leftover.push(item);
          else await deliverOne(item, queue, leftover);
        }
      }),
    );
    await release(leftover.map((i) => i.id));
  };

  return {
    stats,
    stop() {
      stopping = true;
    },
    async drain() {
      while (!stopping) {
        await recoverAbandoned();
        await expireStale();
        const batch = await claim();
        if (batch.length === 0) break;
        await deliverBatch(batch);
      }
      return stats;
    },
  };
}
