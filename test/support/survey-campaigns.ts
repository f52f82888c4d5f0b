/**
 * Two NPS campaigns, small enough to check every number of their report by
 * hand (test/surveys/report.test.ts does, in its comments).
 *
 * October (2026-10-02): a1 9, a2 5, a3 4 answered; a4 sent, no answer.
 * November (2026-11-03):
 *   a1 basic en telegram: answered 10
 *   a2 basic fi telegram: answered 3, "Toimitus myöhästyi taas" (-0.6)
 *   a3 pro   en slack:    answered 7, "Too expensive and the delivery was late" (-0.4)
 *   a4 pro   en telegram: no answer; answered 9 to the reminder
 *   a5 basic en telegram: no answer
 *   a6 pro   fi telegram: expired unsent
 */
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { ensureWorkspace } from "../../src/workspace/workspace.js";

export const octoberCampaign = "0c7ab3e1-0000-4000-8000-000000000001";
export const novemberCampaign = "11f0c2d4-0000-4000-8000-000000000002";

export async function seedCampaigns(db: Queryable, ws: string): Promise<void> {
  await ensureWorkspace(db, ws);
  await db.rows(sql`insert into customers (workspace_id, id, name, plan, locale, signup_at, telegram_chat_id, slack_user_id) values
    (${ws}, 'a1', 'Ann', 'basic', 'en', '2026-01-01T00:00:00Z', '7001', null),
    (${ws}, 'a2', 'Aino', 'basic', 'fi', '2026-01-01T00:00:00Z', '7002', null),
    (${ws}, 'a3', 'Ben', 'pro', 'en', '2026-01-01T00:00:00Z', null, 'U7003'),
    (${ws}, 'a4', 'Cy', 'pro', 'en', '2026-01-01T00:00:00Z', '7004', null),
    (${ws}, 'a5', 'Di', 'basic', 'en', '2026-01-01T00:00:00Z', '7005', null),
    (${ws}, 'a6', 'Eero', 'pro', 'fi', '2026-01-01T00:00:00Z', '7006', null)`);
  const prompt = async (
    customer: string,
    origin: string,
    at: string,
    status: string,
    channel = "telegram",
  ): Promise<number> => {
    const sent = status === "sent" || status === "answered";
    const [row] = await db.rows<{ id: number | string }>(sql`insert into survey_prompts
        (workspace_id, customer_id, kind, channel, status, origin, created_at, sent_at, error)
      values (${ws}, ${customer}, 'nps', ${channel}, ${status}, ${origin}, ${at}::timestamptz,
        ${sent ? at : null}::timestamptz, ${status === "cancelled" ? "expired: not sent within 14 days" : null})
      returning id`);
    return Number(row!.id);
  };
  const answer = async (
    promptId: number,
    customer: string,
    score: number,
    at: string,
    comment: string | null = null,
    sentiment: number | null = null,
  ) => {
    await db.rows(sql`insert into survey_responses
        (workspace_id, id, customer_id, kind, score, comment, sentiment, responded_at, source, prompt_id)
      values (${ws}, ${`prompt-${promptId}`}, ${customer}, 'nps', ${score}, ${comment}, ${sentiment},
        ${at}::timestamptz, 'telegram', ${String(promptId)})`);
  };
  const oct = `campaign:${octoberCampaign}`;
  const octAt = "2026-10-02T10:00:00Z";
  await answer(await prompt("a1", oct, octAt, "answered"), "a1", 9, "2026-10-02T11:00:00Z");
  await answer(await prompt("a2", oct, octAt, "answered"), "a2", 5, "2026-10-02T11:00:00Z");
  await answer(await prompt("a3", oct, octAt, "answered"), "a3", 4, "2026-10-02T11:00:00Z");
  await prompt("a4", oct, octAt, "sent");

  const nov = `campaign:${novemberCampaign}`;
  const novAt = "2026-11-03T10:00:00Z";
  const later = "2026-11-03T12:00:00Z";
  await answer(await prompt("a1", nov, novAt, "answered"), "a1", 10, later);
  await answer(
    await prompt("a2", nov, novAt, "answered"),
    "a2",
    3,
    later,
    "Toimitus myöhästyi taas",
    -0.6,
  );
  await answer(
    await prompt("a3", nov, novAt, "answered", "slack"),
    "a3",
    7,
    later,
    "Too expensive and the delivery was late",
    -0.4,
  );
  const a4 = await prompt("a4", nov, novAt, "sent");
  const reminder = await prompt("a4", `reminder:${a4}`, "2026-11-06T10:00:00Z", "answered");
  await answer(reminder, "a4", 9, "2026-11-06T11:00:00Z");
  await prompt("a5", nov, novAt, "sent");
  await prompt("a6", nov, novAt, "cancelled");
}
