/**
 * Bearer tokens of POST /ingest, one or more per workspace. A token is
 * "pit_<id>_<secret>": the id finds the row, the secret's SHA-256 is compared
 * with timingSafeEqual. Only the hash is stored; the token is shown once.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";

const sha256 = (text: string): Buffer => createHash("sha256").update(text).digest();

export async function createIngestToken(
  db: Queryable,
  workspaceId: string,
  label: string | null = null,
): Promise<string> {
  const id = randomBytes(6).toString("hex");
  const secret = randomBytes(24).toString("base64url");
  await db.rows(sql`insert into ingest_tokens (id, workspace_id, token_hash, label)
    values (${id}, ${workspaceId}, ${sha256(secret).toString("hex")}, ${label})`);
  return `pit_${id}_${secret}`;
}

/** The workspace a token belongs to, or null for anything else. */
export async function verifyIngestToken(db: Queryable, token: string): Promise<string | null> {
  const m = /^pit_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$/.exec(token);
  // An unknown id is still hashed and compared, so timing does not tell ids apart.
  const [row] = m
    ? await db.rows<{ workspace_id: string; token_hash: string }>(
        sql`select workspace_id, token_hash from ingest_tokens where id = ${m[1]}`,
      )
    : [];
  const expected = Buffer.from(row?.token_hash ?? "0".repeat(64), "hex");
  const same = timingSafeEqual(sha256(m?.[2] ?? token), expected);
  return row && same ? row.workspace_id : null;
}

export async function revokeIngestToken(db: Queryable, id: string): Promise<boolean> {
  const removed = await db.rows(sql`delete from ingest_tokens where id = ${id} returning id`);
  return removed.length > 0;
}
