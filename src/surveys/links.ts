/**
 * Survey deep links as rows: handed out per customer (`pulse survey link`,
 * `pulse survey links`), bound to the first Telegram chat that uses one,
 * expiring, and revocable one customer at a time (`pulse survey unlink`).
 * A link that another chat already used never moves the customer: a stolen
 * or forwarded receipt cannot take over someone's survey chat.
 */
import { sql } from "drizzle-orm";
import { type Database, instant, type Queryable } from "../../db/client.js";
import type { Pulse } from "../pulse.js";
import type { SurveyCustomer } from "./customers.js";
import { newLinkId, signLinkToken, verifyLinkToken } from "./link-token.js";
import { requireSecret } from "./secret.js";

const DAY_MS = 24 * 60 * 60_000;

export interface CustomerLink {
  customerId: string;
  name: string | null;
  email: string | null;
  /** Whether a Telegram chat is linked now (a new link moves the customer to the chat that uses it). */
  linked: boolean;
  link: string;
  expiresAt: Date;
}

export type LinkResult =
  | { status: "linked"; customer: SurveyCustomer }
  /** Forged, malformed, revoked, or for a customer who no longer exists. */
  | { status: "invalid" }
  | { status: "expired" }
  /** Another chat used this link first. */
  | { status: "used_elsewhere" };

type IssuedRow = {
  id: string;
  customer_id: string;
  expires_at: Date | string;
};

/**
 * One usable link per customer: an unused, unrevoked link with at least half
 * its life left is handed out again (printing links twice does not pile up
 * rows); otherwise a new one valid for `days`.
 */
async function issueLinks(
  db: Queryable,
  workspaceId: string,
  customerIds: readonly string[],
  now: Date,
  days: number,
): Promise<Map<string, { id: string; expiresAt: Date }>> {
  const issued = new Map<string, { id: string; expiresAt: Date }>();
  if (customerIds.length === 0) return issued;
  const reusable =
    await db.rows<IssuedRow>(sql`select distinct on (customer_id) id, customer_id, expires_at
    from survey_links
    where workspace_id = ${workspaceId} and customer_id in (select jsonb_array_elements_text(${JSON.stringify(customerIds)}::jsonb))
      and chat_id is null and revoked_at is null
      and expires_at > ${instant(new Date(now.getTime() + (days * DAY_MS) / 2))}
    order by customer_id, expires_at desc`);
  for (const r of reusable)
    issued.set(r.customer_id, { id: r.id, expiresAt: new Date(r.expires_at) });
  const missing = customerIds.filter((id) => !issued.has(id));
  if (missing.length === 0) return issued;
  const expiresAt = new Date(now.getTime() + days * DAY_MS);
  const fresh = missing.map((customerId) => ({ customerId, id: newLinkId() }));
  await db.rows(sql`insert into survey_links (id, workspace_id, customer_id, created_at, expires_at)
    select f.id, ${workspaceId}, f.customer_id, ${instant(now)}, ${instant(expiresAt)}
    from jsonb_to_recordset(${JSON.stringify(fresh.map((f) => ({ id: f.id, customer_id: f.customerId })))}::jsonb)
      as f(id text, customer_id text)`);
  for (const f of fresh) issued.set(f.customerId, { id: f.id, expiresAt });
  return issued;
}

const telegramUrl = (botUsername: string, token: string) =>
  `https://t.me/${botUsername}?start=${token}`;

/** Deep links for the given customers (all when omitted), for receipts and mailings. */
export async function customerLinks(
  pulse: Pulse,
  botUsername: string,
  options: { customerIds?: readonly string[]; days?: number } = {},
): Promise<CustomerLink[]> {
  const secret = requireSecret(pulse);
  const ws = pulse.workspaceId;
  const only = options.customerIds
    ? sql`and id in (select jsonb_array_elements_text(${JSON.stringify(options.customerIds)}::jsonb))`
    : sql``;
  return pulse.db.transaction(async (tx) => {
    const customers = await tx.rows<{
      id: string;
      name: string | null;
      email: string | null;
      linked: boolean;
    }>(sql`select id, name, email, telegram_chat_id is not null as linked from customers
      where workspace_id = ${ws} ${only} order by id`);
    const issued = await issueLinks(
      tx,
      ws,
      customers.map((c) => c.id),
      pulse.clock.now(),
      options.days ?? pulse.config.surveys.linkDays,
    );
    return customers.map((c) => {
      const link = issued.get(c.id)!;
      return {
        customerId: c.id,
        name: c.name,
        email: c.email,
        linked: c.linked,
        link: telegramUrl(botUsername, signLinkToken(secret, link.id)),
        expiresAt: link.expiresAt,
      };
    });
  });
}

/** Links `chatId` to the link's customer when the link is genuine, live, and unused or used by this chat. */
export async function bindLink(
  db: Database,
  args: {
    workspaceId: string;
    secret: string;
    token: string;
    chatId: string;
    languageCode: string | undefined;
    now: Date;
  },
): Promise<LinkResult> {
  const linkId = verifyLinkToken(args.secret, args.token);
  if (linkId === null) return { status: "invalid" };
  return db.transaction(async (tx): Promise<LinkResult> => {
    const [link] = await tx.rows<{
      customer_id: string;
      expires_at: Date | string;
      chat_id: string | null;
      revoked_at: Date | string | null;
    }>(sql`select customer_id, expires_at, chat_id, revoked_at from survey_links
      where workspace_id = ${args.workspaceId} and id = ${linkId} for update`);
    if (!link || link.revoked_at !== null) return { status: "invalid" };
    if (link.chat_id !== null && link.chat_id !== args.chatId) return { status: "used_elsewhere" };
    if (link.chat_id === null && new Date(link.expires_at) <= args.now)
      return { status: "expired" };
    if (link.chat_id === null)
      await tx.rows(sql`update survey_links set chat_id = ${args.chatId}, bound_at = ${instant(args.now)}
        where workspace_id = ${args.workspaceId} and id = ${linkId}`);
    // The chat was someone else's: it is this customer's now (the person in it chose so).
    await tx.rows(sql`update customers set telegram_chat_id = null
      where workspace_id = ${args.workspaceId} and telegram_chat_id = ${args.chatId} and id <> ${link.customer_id}`);
    const [row] = await tx.rows<{ id: string; locale: string | null }>(sql`update customers
      set telegram_chat_id = ${args.chatId}, survey_opt_out = false, telegram_unreachable = null,
          locale = coalesce(locale, ${args.languageCode ?? null})
      where workspace_id = ${args.workspaceId} and id = ${link.customer_id}
      returning id, locale`);
    if (!row) return { status: "invalid" };
    return { status: "linked", customer: { ...row, optedOut: false } };
  });
}

export interface Unlinked {
  /** Links revoked now (unused or bound). */
  revokedLinks: number;
  /** Whether a Telegram chat was linked and is not any more. */
  chatUnlinked: boolean;
  /** Telegram prompts still queued for the customer, cancelled. */
  cancelledPrompts: number;
}

/** Revokes every link of one customer and disconnects their Telegram chat. */
export async function unlinkCustomer(
  db: Database,
  workspaceId: string,
  customerId: string,
  now: Date,
): Promise<Unlinked | null> {
  return db.transaction(async (tx) => {
    const [customer] = await tx.rows<{ chat: string | null }>(sql`select telegram_chat_id as chat
      from customers where workspace_id = ${workspaceId} and id = ${customerId} for update`);
    if (!customer) return null;
    const revoked = await tx.rows(sql`update survey_links set revoked_at = ${instant(now)}
      where workspace_id = ${workspaceId} and customer_id = ${customerId} and revoked_at is null
      returning id`);
    await tx.rows(sql`update customers set telegram_chat_id = null
      where workspace_id = ${workspaceId} and id = ${customerId}`);
    const cancelled =
      await tx.rows(sql`update survey_prompts set status = 'cancelled', error = 'unlinked'
      where workspace_id = ${workspaceId} and customer_id = ${customerId}
        and channel = 'telegram' and status = 'pending'
      returning id`);
    return {
      revokedLinks: revoked.length,
      chatUnlinked: customer.chat !== null,
      cancelledPrompts: cancelled.length,
    };
  });
}
