/**
 * A campaign queues one prompt per eligible customer of a segment (or all);
 * senders deliver them. Queuing twice cannot ask anyone twice: one prompt per
 * (origin, customer), and the minimum interval holds across campaigns.
 */

import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Database, instant } from "../../db/client.js";
import { PulseError } from "../errors.js";
import { type SegmentId, segmentRules, segmentsSql } from "../segments/rfm.js";
import { localDate } from "../workspace/workspace.js";
import { UNCONFIRMED } from "./delivery.js";
import { type SkipReason, skipReason, skipReasons } from "./eligibility.js";
import type { SurveyChannel, SurveyKind } from "./kinds.js";
import { localeOf } from "./texts.js";

export type Audience = "all" | SegmentId;

/** "all", or an RFM segment by id ("at_risk") or name ("at risk", "at-risk"). */
export function parseAudience(text: string): Audience {
  const wanted = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (wanted === "all") return "all";
  const rule = segmentRules.find((r) => r.segment === wanted);
  if (!rule)
    throw new PulseError(
      "survey_invalid",
      `unknown segment "${text}": use all or one of ${segmentRules.map((r) => r.segment).join(", ")}`,
    );
  return rule.segment;
}

export interface CampaignResult {
  campaignId: string;
  /** Customers in the audience. */
  targeted: number;
  /** Prompts queued (in a dry run: that a real send would queue). */
  queued: number;
  /** The queued by the language of the wording they get ("en", "fi", ...). */
  byLanguage: Record<string, number>;
  /** The rest of the audience, by why they are not asked. */
  skipped: Partial<Record<SkipReason, number>>;
  dryRun: boolean;
}

const channelNames: Record<SurveyChannel, string> = {
  telegram: "Telegram (TELEGRAM_BOT_TOKEN)",
  slack: "Slack (SLACK_BOT_TOKEN)",
};

/**
 * Queues one prompt per customer of the audience who may be asked now, or
 * in a dry run counts them: both read the same rules in one transaction, so
 * the counts of a dry run are what a real send right after queues. A channel
 * that is not configured is refused: its prompts would wait, then go out late.
 */
export async function queueCampaign(
  db: Database,
  c: {
    workspaceId: string;
    kind: SurveyKind;
    channel: SurveyChannel;
    audience: Audience;
    now: Date;
    timezone: string;
    minIntervalDays: number;
    campaignId?: string;
    /** The channels this installation can send on; unset: not checked. */
    configured?: readonly SurveyChannel[];
    dryRun?: boolean;
  },
): Promise<CampaignResult> {
  if (c.configured && !c.configured.includes(c.channel))
    throw new PulseError(
      "survey_invalid",
      `${channelNames[c.channel]} is not configured: nothing queued (prompts for it would wait and go out late)`,
    );
  const campaignId = c.campaignId ?? randomUUID();
  const label = segmentRules.find((r) => r.segment === c.audience)?.label;
  // Segments as of today: orders before tomorrow, in the workspace's zone.
  const tomorrow = localDate(new Date(c.now.getTime() + 86_400_000), c.timezone);
  const audience =
    label === undefined
      ? sql`select c.* from customers c where c.workspace_id = ${c.workspaceId}`
      : sql`select c.* from customers c join (${segmentsSql(c.workspaceId, tomorrow, c.timezone)}) s
          on s.customer_id = c.id and s.segment = ${label}
        where c.workspace_id = ${c.workspaceId}`;
  const reason = skipReason([c.channel], c.now, c.minIntervalDays);
  return db.transaction(async (tx) => {
    const people = await tx.rows<{ reason: SkipReason | null; locale: string | null }>(
      sql`select ${reason} as reason, c.locale from (${audience}) c`,
    );
    const skipped: Partial<Record<SkipReason, number>> = {};
    const byLanguage: Record<string, number> = {};
    let asked = 0;
    for (const p of people) {
      if (p.reason) skipped[p.reason] = (skipped[p.reason] ?? 0) + 1;
      else {
        asked++;
        const language = localeOf(p.locale);
        byLanguage[language] = (byLanguage[language] ?? 0) + 1;
      }
    }
    const result = { campaignId, targeted: people.length, byLanguage, skipped };
    if (c.dryRun) return { ...result, queued: asked, dryRun: true };
    const inserted = await tx.rows<{ id: number }>(sql`insert into survey_prompts
        (workspace_id, customer_id, kind, channel, origin, created_at)
      select c.workspace_id, c.id, ${c.kind}, ${c.channel}, ${`campaign:${campaignId}`}, ${instant(c.now)}
      from (${audience}) c
      where (${reason}) is null
      order by c.id
      on conflict do nothing
      returning id`);
    return { ...result, queued: inserted.length, dryRun: false };
  });
}

/** "12 opted out, 3 asked recently": why the rest of an audience is not asked. */
export function skippedText(skipped: CampaignResult["skipped"]): string {
  return skipReasons
    .filter((r) => skipped[r])
    .map((r) => `${skipped[r]} ${r}`)
    .join(", ");
}

/** How far a campaign got: prompts by status ("pending", "sent", "answered", ...). */
export async function campaignProgress(
  db: Database,
  workspaceId: string,
  campaignId: string,
): Promise<Record<string, number>> {
  // A prompt a crashed sender had on the wire counts apart: it may not have arrived.
  const rows = await db.rows<{ status: string; n: number }>(sql`select
      case when status = 'sent' and error = ${UNCONFIRMED} then 'sent, unconfirmed'
        when status = 'cancelled' and error like 'expired%' then 'expired' else status end as status,
      count(*)::int as n
    from survey_prompts where workspace_id = ${workspaceId} and origin = ${`campaign:${campaignId}`}
    group by 1 order by 1`);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
