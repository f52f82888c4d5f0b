/**
 * Who may see numbers. Admins allow channels, users or chats per platform
 * (`pulse access allow slack channel C123`); while a platform has no rule at
 * all, everyone in the workspace may ask (a new install works at once, and
 * the log says so). Direct messages are judged by the user.
 */
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import type { Asker } from "../assistant/types.js";

export type AccessKind = "channel" | "user" | "chat";

export interface AccessRule {
  platform: "slack" | "telegram";
  kind: AccessKind;
  subject: string;
}

export interface Access {
  mayAsk(asker: Asker): Promise<boolean>;
  allow(rule: AccessRule): Promise<void>;
  revoke(rule: AccessRule): Promise<boolean>;
  list(): Promise<AccessRule[]>;
}

export function createAccess(db: Queryable, workspaceId: string): Access {
  return {
    async mayAsk(asker) {
      if (asker.platform === "terminal") return true;
      const rules = await db.rows<{ kind: AccessKind; subject: string }>(
        sql`select kind, subject from access_rules where workspace_id = ${workspaceId} and platform = ${asker.platform}`,
      );
      if (rules.length === 0) return true;
      return rules.some(
        (r) =>
          (r.kind === "user" && r.subject === asker.userId) ||
          (r.kind !== "user" && r.subject === asker.chatId && !asker.isDirect),
      );
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
