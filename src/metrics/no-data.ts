/**
 * A workspace with no row a metric reads (a fresh install, before any
 * import): its 0 or "By plan: ." would pass for a fact. The answer says what
 * to load instead.
 */
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { measuresOf } from "./formula.js";
import { getMetric } from "./registry.js";
import { scanOf } from "./sources.js";
import type { MetricId } from "./types.js";

/** What each source holds, in words, and how a user fills it. */
const howToFill: Record<string, { what: string; how: string }> = {
  customers: { what: "customers", how: "`pulse import customers FILE`" },
  orders: {
    what: "orders",
    how: "`pulse import orders FILE` (or `pulse import FILE` with a Stripe or Shopify export)",
  },
  marketing_spend: { what: "marketing spend", how: "`pulse import marketing_spend FILE`" },
  survey_responses: {
    what: "survey answers",
    how: "`pulse import survey_responses FILE`, or surveys sent with `pulse survey send`",
  },
  deals: {
    what: "deals",
    how: "`pulse import deals FILE` (or `pulse import FILE` with a HubSpot export)",
  },
  texts: {
    what: "survey comments or social mentions",
    how: "`pulse import survey_responses FILE` or `pulse import events FILE`",
  },
  events: { what: "events", how: "`pulse import events FILE`" },
  survey_prompts: { what: "surveys sent", how: "`pulse survey send`" },
};

/**
 * Sources seen holding rows, per database and workspace: data is not emptied
 * in the life of a process, so an answer pays for the check only until then,
 * not at every question.
 */
const filled = new WeakMap<Queryable, Set<string>>();

/** The sources of `metrics` that hold no row of the workspace at all, first found first. */
export async function emptySources(
  db: Queryable,
  workspaceId: string,
  metrics: readonly MetricId[],
): Promise<string[]> {
  const seen = filled.get(db) ?? new Set<string>();
  filled.set(db, seen);
  const sources = [
    ...new Map(
      metrics
        .flatMap((m) => measuresOf(getMetric(m).formula))
        .map((measure) => scanOf(measure).source)
        .map((source) => [source.id, source] as const),
    ).values(),
  ].filter((source) => !seen.has(`${workspaceId}/${source.id}`));
  const empty: string[] = [];
  for (const source of sources) {
    // `from` is a join onto the periods table `pp`; one row of nothing stands in for it.
    const [row] = await db.rows<{ found: boolean }>(
      sql`select exists (select 1 from (select 1) pp join ${source.from(workspaceId)}) as found`,
    );
    if (row?.found) seen.add(`${workspaceId}/${source.id}`);
    else empty.push(source.id);
  }
  return empty;
}

/** "No orders yet: ..." for the first empty source, naming the metric asked. */
export function noDataText(metricLabel: string, sourceId: string): string {
  const fill = howToFill[sourceId] ?? {
    what: sourceId.replaceAll("_", " "),
    how: "`pulse import`",
  };
  return `No ${fill.what} yet in this workspace, so there is nothing to compute ${metricLabel} from. Import them with ${fill.how}, or try \`pulse demo\` to see Pulse on a made-up shop.`;
}
