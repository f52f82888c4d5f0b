/**
 * One-time setup codes: a Telegram bot answers nobody on the team side until
 * an admin prints a code (`pulse access setup-code`) and sends `/setup CODE`
 * to the bot, which allows that person (and the group it was sent in).
 * Only a hash of the code is stored; a code works once, for an hour.
 */
import { createHash, randomInt } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Database, instant } from "../../db/client.js";
import type { AccessPlatform, AccessRule, Where } from "./access.js";

export const SETUP_CODE_MINUTES = 60;
/** Letters and digits nobody misreads (no 0/O, 1/I/L). */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const LENGTH = 10;

const hashOf = (code: string) =>
  createHash("sha256").update(code.toUpperCase().replace(/[\s-]/g, "")).digest("hex");

export async function createSetupCode(
  db: Database,
  workspaceId: string,
  now: Date,
): Promise<{ code: string; expiresAt: Date }> {
  const raw = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  const expiresAt = new Date(now.getTime() + SETUP_CODE_MINUTES * 60_000);
  await db.rows(sql`insert into access_setup_codes (workspace_id, code_hash, created_at, expires_at)
    values (${workspaceId}, ${hashOf(raw)}, ${instant(now)}, ${instant(expiresAt)})`);
  return { code: `${raw.slice(0, 5)}-${raw.slice(5)}`, expiresAt };
}

/**
 * Redeems a code for the person who sent it: a user rule for them and, sent
 * in a group or channel, a rule for that place. Null when the code is wrong,
 * used or expired.
 */
export async function redeemSetupCode(
  db: Database,
  args: {
    workspaceId: string;
    platform: AccessPlatform;
    userId: string;
    where: Where;
    code: string;
    now: Date;
  },
): Promise<AccessRule[] | null> {
  return db.transaction(async (tx) => {
    const used = await tx.rows(sql`update access_setup_codes
      set used_at = ${instant(args.now)}, used_by = ${`${args.platform}:${args.userId}`}
      where workspace_id = ${args.workspaceId} and code_hash = ${hashOf(args.code)}
        and used_at is null and expires_at > ${instant(args.now)}
      returning code_hash`);
    if (used.length === 0) return null;
    const rules: AccessRule[] = [{ platform: args.platform, kind: "user", subject: args.userId }];
    if (!args.where.isDirect)
      rules.push({
        platform: args.platform,
        kind: args.platform === "slack" ? "channel" : "chat",
        subject: args.where.chatId,
      });
    for (const rule of rules)
      await tx.rows(sql`insert into access_rules (workspace_id, platform, kind, subject)
        values (${args.workspaceId}, ${rule.platform}, ${rule.kind}, ${rule.subject}) on conflict do nothing`);
    return rules;
  });
}
