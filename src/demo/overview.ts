/** The key numbers of a workspace for last month, each beside the month before: the demo's first screen and the App Home. */
import type { Database } from "../../db/client.js";
import { rangeText } from "../answers/format.js";
import { changeText, formatMetric } from "../answers/text.js";
import { addMonths, startOf } from "../metrics/calendar.js";
import { runMetricQuery } from "../metrics/query.js";
import { getMetric } from "../metrics/registry.js";
import type { MetricId } from "../metrics/types.js";
import { getWorkspace } from "../workspace/workspace.js";

export const keyMetrics: readonly MetricId[] = [
  "revenue",
  "orders",
  "new_customers",
  "active_customers",
  "churn_rate",
  "nps",
  "csat",
  "cac",
];

export interface OverviewLine {
  metric: MetricId;
  label: string;
  value: string;
  change: string | null;
}

/** Last full month's key metrics for the workspace, as of `today`. */
export async function overview(
  db: Database,
  workspaceId: string,
  today: string,
): Promise<{ range: string; lines: OverviewLine[] }> {
  const workspace = await getWorkspace(db, workspaceId);
  const to = startOf(today, "month");
  const from = addMonths(to, -1);
  const lines = await Promise.all(
    keyMetrics.map(async (metric) => {
      const result = await runMetricQuery(
        db,
        { metric, from, to, compare: "previous_period" },
        { workspaceId, timezone: workspace.timezone },
      );
      return {
        metric,
        label: getMetric(metric).label,
        value: formatMetric(result.value, result, workspace.currency),
        change: changeText(result, workspace.currency),
      };
    }),
  );
  return { range: rangeText(from, to), lines };
}
