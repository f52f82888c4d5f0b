/**
 * Profitability: LTV:CAC by acquisition channel or by RFM segment over a
 * range. LTV is the registry's clv (ARPU / churn rate) and CAC its cac
 * (spend / new customers), so every number here can be checked with
 * `pulse query`. Spend is known only by channel, so a segment's CAC is
 * blended: the mean of its customers' channel CACs. A ratio under 3 is the
 * usual warning line: the customer does not repay acquiring them three times.
 */
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { type QueryContext, runMetricQuery } from "../metrics/query.js";
import { segmentsSql } from "../segments/rfm.js";

export const HEALTHY_RATIO = 3;

export interface ProfitabilityRow {
  key: string;
  ltv: number | null;
  cac: number | null;
  /** LTV / CAC; null when either is unknown, Infinity when acquisition cost nothing. */
  ratio: number | null;
  /** Under 3 (or unknown LTV with a known CAC): acquiring these customers does not pay enough. */
  flagged: boolean;
}

export type ProfitabilityBy = "channel" | "segment";

const ratioOf = (ltv: number | null, cac: number | null): number | null => {
  if (ltv === null || cac === null) return null;
  if (cac === 0) return ltv > 0 ? Number.POSITIVE_INFINITY : null;
  return ltv / cac;
};

const rowOf = (key: string, ltv: number | null, cac: number | null): ProfitabilityRow => {
  const ratio = ratioOf(ltv, cac);
  return { key, ltv, cac, ratio, flagged: ratio !== null && ratio < HEALTHY_RATIO };
};

async function channelCac(
  db: Queryable,
  range: { from: string; to: string },
  context: QueryContext,
): Promise<Map<string, number | null>> {
  const cac = await runMetricQuery(db, { metric: "cac", ...range, groupBy: "channel" }, context);
  return new Map((cac.groups ?? []).map((g) => [g.key, g.value]));
}

/** LTV, CAC and their ratio per group, worst ratio first (unknown ratios last). */
export async function ltvToCac(
  db: Queryable,
  by: ProfitabilityBy,
  range: { from: string; to: string },
  context: QueryContext,
): Promise<ProfitabilityRow[]> {
  const [ltv, cac] = await Promise.all([
    runMetricQuery(db, { metric: "clv", ...range, groupBy: by }, context),
    channelCac(db, range, context),
  ]);
  const ltvBy = new Map((ltv.groups ?? []).map((g) => [g.key, g.value]));
  let rows: ProfitabilityRow[];
  if (by === "channel") {
    const keys = [...new Set([...ltvBy.keys(), ...cac.keys()])];
    rows = keys.map((k) => rowOf(k, ltvBy.get(k) ?? null, cac.get(k) ?? null));
  } else {
    const mix = await db.rows<{
      segment: string | null;
      channel: string | null;
      n: number | string;
    }>(
      sql`select seg.segment, c.channel, count(*) as n
        from (${segmentsSql(context.workspaceId, range.to, context.timezone)}) seg
        join customers c on c.workspace_id = ${context.workspaceId} and c.id = seg.customer_id
        group by seg.segment, c.channel`,
    );
    const blended = new Map<string, { sum: number; n: number }>();
    for (const m of mix) {
      const channelCost = cac.get(m.channel ?? "unknown");
      if (channelCost === null || channelCost === undefined) continue;
      const key = m.segment ?? "unknown";
      const b = blended.get(key) ?? { sum: 0, n: 0 };
      b.sum += channelCost * Number(m.n);
      b.n += Number(m.n);
      blended.set(key, b);
    }
    const keys = [...new Set([...ltvBy.keys(), ...blended.keys()])];
    rows = keys.map((k) => {
      const b = blended.get(k);
      return rowOf(k, ltvBy.get(k) ?? null, b && b.n > 0 ? b.sum / b.n : null);
    });
  }
  const rank = (r: ProfitabilityRow) => (r.ratio === null ? Number.POSITIVE_INFINITY : r.ratio);
  return rows.sort((a, b) => rank(a) - rank(b) || (a.key < b.key ? -1 : 1));
}
