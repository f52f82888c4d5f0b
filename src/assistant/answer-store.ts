/** Answers kept by id so their buttons work from any process (see db/schema/answers.ts). */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import type { Interpretation } from "../questions/types.js";
import type { Asker } from "./types.js";

export interface StoredAnswer {
  interpretation: Interpretation;
  platform: string;
  chatId: string;
}

/** Short enough for Telegram's 64-byte callback data with room for an action prefix. */
const newAnswerId = (): string => randomBytes(9).toString("base64url");

export async function saveAnswer(
  db: Queryable,
  asker: Asker,
  interpretation: Interpretation,
): Promise<string> {
  const id = newAnswerId();
  await db.rows(sql`insert into answers (id, workspace_id, interpretation, platform, chat_id)
    values (${id}, ${asker.workspaceId}, ${JSON.stringify(interpretation)}::jsonb, ${asker.platform}, ${asker.chatId})`);
  return id;
}

/** The answer, or null when it does not exist or belongs to another workspace or chat. */
export async function loadAnswer(
  db: Queryable,
  id: string,
  asker: Asker,
): Promise<StoredAnswer | null> {
  const [row] = await db.rows<{
    interpretation: Interpretation | string;
    platform: string;
    chat_id: string;
  }>(
    sql`select interpretation, platform, chat_id from answers where id = ${id} and workspace_id = ${asker.workspaceId}`,
  );
  if (!row || row.platform !== asker.platform || row.chat_id !== asker.chatId) return null;
  const interpretation =
    typeof row.interpretation === "string" ? JSON.parse(row.interpretation) : row.interpretation;
  return { interpretation, platform: row.platform, chatId: row.chat_id };
}
