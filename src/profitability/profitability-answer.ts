/** "Which channels are profitable?": LTV:CAC per channel or segment in words, flagged under 3, with a breakdown chart. */
import { formatValue, rangeText } from "../answers/format.js";
import type { InsightAnswer, InsightContext } from "../insights/types.js";
import { HEALTHY_RATIO, ltvToCac, type ProfitabilityBy, type ProfitabilityRow } from "./ltv-cac.js";

const ratioText = (r: number | null) =>
  r === null ? "no data" : Number.isFinite(r) ? `${r.toFixed(1)}` : "no acquisition cost";

export function profitabilityLines(rows: ProfitabilityRow[], currency: string): string[] {
  return rows.map((r) => {
    const money = (v: number | null) => formatValue(v, "money", currency);
    const flag = r.flagged ? `  under ${HEALTHY_RATIO}: not profitable enough` : "";
    return `${r.key}: LTV:CAC ${ratioText(r.ratio)} (LTV ${money(r.ltv)}, CAC ${money(r.cac)})${flag}`;
  });
}

export async function profitabilityAnswer(
  ctx: InsightContext,
  by: ProfitabilityBy,
  range: { from: string; to: string },
): Promise<InsightAnswer> {
  const { workspace } = ctx;
  const rows = await ltvToCac(ctx.db, by, range, {
    workspaceId: workspace.id,
    timezone: workspace.timezone,
  });
  const period = rangeText(range.from, range.to);
  if (rows.length === 0)
    return {
      text: `No ${by} has the data for LTV:CAC in ${period}: it needs marketing spend, new customers and churn.`,
      chart: null,
    };
  const flagged = rows.filter((r) => r.flagged).map((r) => r.key);
  const healthy = rows
    .filter((r) => r.ratio !== null && r.ratio >= HEALTHY_RATIO)
    .map((r) => r.key);
  const headline =
    flagged.length === 0
      ? `Every ${by} with data repays its acquisition cost at least ${HEALTHY_RATIO} times in ${period}.`
      : `${flagged.length} of ${rows.length} ${by === "channel" ? "channels" : "segments"} are under an LTV:CAC of ${HEALTHY_RATIO} in ${period}: ${flagged.join(", ")}.${healthy.length > 0 ? ` Profitable: ${healthy.join(", ")}.` : ""}`;
  const footnote = `LTV = ARPU / churn rate; CAC = marketing spend / new customers${by === "segment" ? " (a segment's CAC blends its customers' channel CACs)" : ""}; under ${HEALTHY_RATIO} is flagged`;
  return {
    text: [headline, ...profitabilityLines(rows, workspace.currency), `(${footnote}.)`].join("\n"),
    chart: {
      kind: "breakdown",
      title: `LTV:CAC by ${by}, ${period}`,
      dimension: by,
      unit: "score",
      subtitle:
        flagged.length > 0
          ? `Under ${HEALTHY_RATIO}: ${flagged.join(", ")}`
          : `All at ${HEALTHY_RATIO} or more`,
      footnote: "LTV = ARPU / churn rate; CAC = spend / new customers",
      groups: rows.map((r) => ({
        key: r.key,
        value: r.ratio !== null && Number.isFinite(r.ratio) ? r.ratio : null,
      })),
    },
  };
}
