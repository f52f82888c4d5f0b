/** Answers kept by id so their buttons work from any process (see db/schema/answers.ts). */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../../db/client.js";
import type { ForecastAsk, MetricAsk } from "../questions/query.js";
import {
  forecastAskSchema,
  metricAskSchema,
  type ReadBack,
  readStored,
  stored,
} from "../questions/query-schema.js";
import type { Asker } from "./types.js";

/** The queries an answer with buttons was computed from. */
export type AnsweredQuery = MetricAsk | ForecastAsk;

const answeredQuery: z.ZodType<AnsweredQuery> = z.union([metricAskSchema, forecastAskSchema]);

export interface StoredAnswer {
  query: AnsweredQuery;
  platform: string;
  chatId: string;
}

/** Short enough for Telegram's 64-byte callback data with room for an action prefix. */
const newAnswerId = (): string => randomBytes(9).toString("base64url");

export async function saveAnswer(
  db: Queryable,
  asker: Asker,
  query: AnsweredQuery,
): Promise<string> {
  const id = newAnswerId();
  await db.rows(sql`insert into answers (id, workspace_id, interpretation, platform, chat_id)
    values (${id}, ${asker.workspaceId}, ${JSON.stringify(stored(query))}::jsonb, ${asker.platform}, ${asker.chatId})`);
  return id;
}

/**
 * The answer, or null when it does not exist or belongs to another workspace
 * or chat; a row this version cannot read (another version wrote it) is a
 * problem, not a query.
 */
export async function loadAnswer(
  db: Queryable,
  id: string,
  asker: Asker,
): Promise<ReadBack<StoredAnswer> | null> {
  const [row] = await db.rows<{ interpretation: unknown; platform: string; chat_id: string }>(
    sql`select interpretation, platform, chat_id from answers where id = ${id} and workspace_id = ${asker.workspaceId}`,
  );
  if (!row || row.platform !== asker.platform || row.chat_id !== asker.chatId) return null;
  const query = readStored(answeredQuery, row.interpretation);
  return query.ok
    ? { ok: true, value: { query: query.value, platform: row.platform, chatId: row.chat_id } }
    : query;
}
