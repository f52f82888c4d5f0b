/**
 * Who may see what, where: the one access decision every output asks
 * (answers, buttons, follow-ups, lists, alerts, digests, App Home). The rules
 * are written out in docs/access.md:
 *
 * - a channel (or chat) rule allows that channel, for everyone in it;
 * - a user rule allows that user's direct messages only, never a channel;
 * - personal data (names of customers) only in the direct messages of a
 *   person who is allowed;
 * - a linked customer is never on the team side, unless a user rule names them;
 * - with no rule for a platform, Slack stays open (only the workspace's
 *   members reach it) and Telegram answers nobody (anyone can find a bot),
 *   until an admin redeems a one-time code with /setup.
 */
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import type { Platform } from "../assistant/types.js";

export type AccessKind = "channel" | "user" | "chat";
export type AccessPlatform = "slack" | "telegram";

export interface AccessRule {
  platform: AccessPlatform;
  kind: AccessKind;
  subject: string;
}

/** Numbers about the business as a whole, or data naming customers. */
export type What = "aggregate" | "personal";

export interface Who {
  platform: Platform;
  /** The platform's user id (Slack U123, Telegram user id). */
  userId: string;
}

export interface Where {
  /** The Slack channel or Telegram chat. */
  chatId: string;
  /** A direct message with the bot: the person's own place. */
  isDirect: boolean;
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

/** What a decision reads from the database for one platform. */
export interface AccessFacts {
  rules: readonly { kind: AccessKind; subject: string }[];
  /** Whether the user is a linked customer (a Telegram chat or Slack user of a customer). */
  isCustomer: boolean;
}

const ALLOWED: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** Slack is reachable only by the workspace's members; a Telegram bot by anyone who finds it. */
export const openWithoutRules = (platform: AccessPlatform): boolean => platform === "slack";

const placeRule = (platform: Platform) => (platform === "slack" ? "channel" : "chat");

/** The decision itself, on facts already read: see the module comment and docs/access.md. */
export function decide(facts: AccessFacts, who: Who, where: Where, what: What): Decision {
  const platform = who.platform;
  if (platform === "terminal") return ALLOWED;
  const userRule = facts.rules.some((r) => r.kind === "user" && r.subject === who.userId);
  const placeAllowed = facts.rules.some((r) => r.kind !== "user" && r.subject === where.chatId);
  if (facts.isCustomer && !userRule)
    return deny(`${platform} user ${who.userId} is a customer: customers only get surveys`);
  const open = facts.rules.length === 0 && openWithoutRules(platform);
  if (where.isDirect) {
    // A direct message is the person's own place: their user rule, or a rule naming it, allows it.
    if (userRule || placeAllowed || open) return ALLOWED;
    return deny(
      facts.rules.length === 0
        ? `no ${platform} rule yet: an admin sends /setup with a code from \`pulse access setup-code\``
        : `${platform} user ${who.userId} is not allowed (pulse access allow ${platform} user ${who.userId})`,
    );
  }
  if (what === "personal")
    return deny("personal data (names of customers) goes only to a direct message");
  if (placeAllowed || open) return ALLOWED;
  return deny(
    facts.rules.length === 0
      ? `no ${platform} rule yet: an admin sends /setup with a code from \`pulse access setup-code\``
      : `${platform} ${placeRule(platform)} ${where.chatId} is not allowed (pulse access allow ${platform} ${placeRule(platform)} ${where.chatId}); a user rule allows direct messages only`,
  );
}

/** Whether a chat id is a direct message: Slack DM channels start with D (a user id posts to the DM too), Telegram private chats are positive. */
export function isDirectChat(platform: AccessPlatform, chatId: string): boolean {
  return platform === "slack" ? /^[DUW]/.test(chatId) : !chatId.startsWith("-");
}

/** The direct messages of a person, where their personal part of a reply goes. */
export const directMessagesOf = (who: Who): Where => ({ chatId: who.userId, isDirect: true });

export interface Access {
  may(who: Who, where: Where, what: What): Promise<Decision>;
  /** Whether the platform has at least one rule. */
  hasRules(platform: AccessPlatform): Promise<boolean>;
  allow(rule: AccessRule): Promise<void>;
  revoke(rule: AccessRule): Promise<boolean>;
  list(): Promise<AccessRule[]>;
}

export function createAccess(db: Queryable, workspaceId: string): Access {
  const rulesOf = (platform: AccessPlatform) =>
    db.rows<{ kind: AccessKind; subject: string }>(
      sql`select kind, subject from access_rules where workspace_id = ${workspaceId} and platform = ${platform}`,
    );
  /** The platform's rules and whether the user is a linked customer, in one round trip (every question asks). */
  const factsOf = async (platform: AccessPlatform, userId: string): Promise<AccessFacts> => {
    // A Telegram private chat's id is its user's id: the chat a customer linked.
    const column = platform === "telegram" ? sql`telegram_chat_id` : sql`slack_user_id`;
    const rows = await db.rows<{ kind: AccessKind | null; subject: string | null }>(sql`
      select kind, subject from access_rules where workspace_id = ${workspaceId} and platform = ${platform}
      union all
      select null, null where exists (select 1 from customers
        where workspace_id = ${workspaceId} and ${column} = ${userId})`);
    return {
      rules: rows.flatMap((r) => (r.kind === null ? [] : [{ kind: r.kind, subject: r.subject! }])),
      isCustomer: rows.some((r) => r.kind === null),
    };
  };
  return {
    async may(who, where, what) {
      if (who.platform === "terminal") return ALLOWED;
      return decide(await factsOf(who.platform, who.userId), who, where, what);
    },
    async hasRules(platform) {
      return (await rulesOf(platform)).length > 0;
    },
    async allow(rule) {
      await db.rows(sql`insert into access_rules (workspace_id, platform, kind, subject)
        values (${workspaceId}, ${rule.platform}, ${rule.kind}, ${rule.subject}) on conflict do nothing`);
    },
    async revoke(rule) {
      const removed = await db.rows(sql`delete from access_rules where workspace_id = ${workspaceId}
        and platform = ${rule.platform} and kind = ${rule.kind} and subject = ${rule.subject} returning subject`);
      return removed.length > 0;
    },
    list: () =>
      db.rows<AccessRule & Record<string, unknown>>(
        sql`select platform, kind, subject from access_rules where workspace_id = ${workspaceId} order by platform, kind, subject`,
      ),
  };
}

/** What a rule allows, in words (`pulse access list`). */
export function describeRule(rule: AccessRule): string {
  return rule.kind === "user"
    ? `${rule.platform} user ${rule.subject}: numbers and customer lists in their direct messages with Pulse (not in channels)`
    : `${rule.platform} ${rule.kind} ${rule.subject}: numbers for everyone in it (customer lists go to each asker's direct messages)`;
}
