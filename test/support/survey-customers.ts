/** Customers linked to Telegram chats (chat id 100000 + n) and a survey of them all, for survey tests and the survey benchmarks. */
import { sql } from "drizzle-orm";
import type { Database, Queryable } from "../../db/client.js";
import type { Pulse } from "../../src/pulse.js";
import { queueCampaign } from "../../src/surveys/campaigns.js";
import type { SurveyKind } from "../../src/surveys/kinds.js";
import { customerLinks } from "../../src/surveys/links.js";
import { ensureWorkspace } from "../../src/workspace/workspace.js";

export const chatOf = (n: number): string => String(100_000 + n);

export async function seedLinkedCustomers(
  db: Queryable,
  workspaceId: string,
  count: number,
  { locale = null }: { locale?: string | null } = {},
): Promise<void> {
  await ensureWorkspace(db, workspaceId);
  await db.rows(sql`insert into customers (workspace_id, id, signup_at, telegram_chat_id, locale)
    select ${workspaceId}, 'k' || n, '2026-01-01T00:00:00Z', (100000 + n)::text, ${locale}
    from generate_series(1, ${count}) n`);
}

/** Queues a survey of every customer over Telegram at `now`, in UTC, as `pulse survey send <kind> --to all` would. */
export const queueSurveyOfAll = (
  db: Database,
  workspaceId: string,
  {
    kind = "nps",
    now = new Date(),
    minIntervalDays = 30,
  }: {
    kind?: SurveyKind;
    now?: Date;
    minIntervalDays?: number;
  } = {},
) =>
  queueCampaign(db, {
    workspaceId,
    kind,
    channel: "telegram",
    audience: "all",
    now,
    timezone: "UTC",
    minIntervalDays,
  });

/** The start parameter of a fresh deep link for one customer, as `pulse survey link` hands it out. */
export async function surveyLinkToken(pulse: Pulse, customerId: string): Promise<string> {
  const [link] = await customerLinks(pulse, "shop_bot", { customerIds: [customerId] });
  if (!link) throw new Error(`no customer ${customerId}`);
  return new URL(link.link).searchParams.get("start")!;
}
