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
import { eligibleCustomers } from "./eligibility.js";
import type { SurveyChannel, SurveyKind } from "./kinds.js";

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
  /** Prompts queued: the audience minus the unreachable, the opted out and the recently asked. */
  queued: number;
}

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
  },
): Promise<CampaignResult> {
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
  return db.transaction(async (tx) => {
    const [{ targeted } = { targeted: 0 }] = await tx.rows<{ targeted: number }>(
      sql`select count(*)::int as targeted from (${audience}) a`,
    );
    const inserted = await tx.rows<{ id: number }>(sql`insert into survey_prompts
        (workspace_id, customer_id, kind, channel, origin, created_at)
      select c.workspace_id, c.id, ${c.kind}, ${c.channel}, ${`campaign:${campaignId}`}, ${instant(c.now)}
      from (${audience}) c
      where ${eligibleCustomers(c.channel, c.now, c.minIntervalDays)}
      order by c.id
      on conflict do nothing
      returning id`);
    return { campaignId, targeted, queued: inserted.length };
  });
}

/** How far a campaign got: prompts by status ("pending", "sent", "answered", ...). */
export async function campaignProgress(
  db: Database,
  workspaceId: string,
  campaignId: string,
): Promise<Record<string, number>> {
  // A prompt a crashed sender had on the wire counts apart: it may not have arrived.
  const rows = await db.rows<{ status: string; n: number }>(sql`select
      case when status = 'sent' and error = ${UNCONFIRMED} then 'sent, unconfirmed' else status end as status,
      count(*)::int as n
    from survey_prompts where workspace_id = ${workspaceId} and origin = ${`campaign:${campaignId}`}
    group by 1 order by 1`);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
