/**
 * Lists (intent `list`, questions.md v2): the customers or deals behind a
 * number, each with the metric's value for that member where it has one
 * (revenue or orders of a customer in the range, a deal's amount) and null
 * for membership lists (who churned, who signed up, who is active). Members
 * are the rows the metric's own measure counts, through the same scans and
 * filters as the query builder, so a list's `total` is the number it explains.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { QueryError, UnsupportedListError } from "../errors.js";
import { filterCondition, validateFilters } from "../metrics/filters.js";
import { type QueryContext, refuseFuture, validateRange } from "../metrics/query.js";
import { getMetric, isMetricId } from "../metrics/registry.js";
import { customerDimensions, dealRows, periodRow, scanOf, sources } from "../metrics/sources.js";
import type { Filter, MeasureId, MetricId, Rank, Unit } from "../metrics/types.js";
import { segmentsAsOf } from "../segments/snapshots.js";

export type ListEntity = "customers" | "deals";

export interface ListQuery {
  entity: ListEntity;
  metric: MetricId;
  from: string;
  to: string;
  filters?: readonly Filter[];
  /** Order by value and cut; without it, value lists run highest first and membership lists by name. */
  rank?: Rank | null;
}

export interface ListRow {
  id: string;
  name: string | null;
  value: number | null;
}

export interface ListResult {
  entity: ListEntity;
  metric: MetricId;
  from: string;
  to: string;
  filters: readonly Filter[];
  rank: Rank | null;
  /** The unit of `value`; null for a membership list. */
  unit: Unit | null;
  rows: ListRow[];
  /** Members before the limit. */
  total: number;
}

/**
 * What each listable metric lists. Customers: the rows of the metric's
 * measure, grouped by customer, its aggregate as the value when it is one a
 * member has (a sum or a count). Deals: the deals the measure counts.
 */
type ListDefinition =
  | { entity: "customers"; measure: MeasureId; value: boolean }
  | { entity: "deals"; rows: SQL };

const definitions: Partial<Record<MetricId, ListDefinition>> = {
  active_customers: { entity: "customers", measure: "customers_at_end", value: false },
  new_customers: { entity: "customers", measure: "signups", value: false },
  churned_customers: { entity: "customers", measure: "churned", value: false },
  revenue: { entity: "customers", measure: "order_revenue", value: true },
  orders: { entity: "customers", measure: "order_count", value: true },
  web_visits: { entity: "customers", measure: "web_visits", value: true },
  visitors: { entity: "customers", measure: "visitors", value: false },
  email_opens: { entity: "customers", measure: "email_opens", value: true },
  email_clicks: { entity: "customers", measure: "email_clicks", value: true },
  support_tickets: { entity: "customers", measure: "support_tickets", value: true },
  social_mentions: { entity: "customers", measure: "social_mentions", value: true },
  pipeline_value: { entity: "deals", rows: dealRows.open },
  win_rate: { entity: "deals", rows: dealRows.closed },
  conversion_rate: { entity: "deals", rows: dealRows.created },
};

/** The metrics that list members of an entity, for suggestions. */
export const listableMetrics = (entity: ListEntity): MetricId[] =>
  (Object.entries(definitions) as [MetricId, ListDefinition][])
    .filter(([, d]) => d.entity === entity)
    .map(([id]) => id);

function definitionOf(query: ListQuery): ListDefinition {
  if (query.entity !== "customers" && query.entity !== "deals")
    throw new QueryError(`A list is of customers or deals, got "${query.entity}".`);
  if (!isMetricId(query.metric)) throw new QueryError(`Unknown metric "${query.metric}".`);
  const definition = definitions[query.metric];
  if (!definition || definition.entity !== query.entity)
    throw new UnsupportedListError(query.entity, query.metric, listableMetrics(query.entity));
  return definition;
}

type Row = { id: string; name: string | null; value: number | null; total: number };

export async function runListQuery(
  db: Queryable,
  query: ListQuery,
  context: QueryContext,
): Promise<ListResult> {
  const definition = definitionOf(query);
  validateRange(query.from, query.to);
  refuseFuture(query.from, query.to, context);
  const metric = getMetric(query.metric);
  const filters = query.filters ?? [];
  validateFilters(metric, filters);
  const rank = query.rank ?? null;
  if (rank && rank.order !== "asc" && rank.order !== "desc")
    throw new QueryError(`A ranking is "asc" or "desc", got "${rank.order}".`);
  if (rank && rank.limit !== null && !(Number.isInteger(rank.limit) && rank.limit > 0))
    throw new QueryError(`A list's limit is a whole number above 0, got ${rank.limit}.`);

  const ws = context.workspaceId;
  const pp = periodRow(0, query.from, query.to, context.timezone);
  const hasValue = definition.entity === "deals" || definition.value;
  const order = rank?.order ?? (hasValue ? "desc" : "asc");
  const byValue = hasValue ? sql`value ${sql.raw(order)} nulls last,` : sql``;
  const limit = rank?.limit ? sql`limit ${rank.limit}` : sql``;
  let select: SQL;
  if (definition.entity === "deals") {
    const source = sources.find((s) => s.id === "deals")!;
    select = sql`select d.id, d.name, d.amount::float8 as value, count(*) over ()::int as total
      from ${pp} join ${source.from(ws)} and (${definition.rows})
      where ${filterCondition(source, filters)}
      order by ${byValue} d.name nulls last, d.id ${limit}`;
  } else {
    const { source, scan } = scanOf(definition.measure);
    const value = definition.value
      ? sql`(${scan.measures[definition.measure]})::float8`
      : sql`null::float8`;
    const segment = filters.some((f) => f.dimension === "segment");
    // Rows are summed per customer id first and customers joined to the sums
    // (tens of thousands), not to every row (a million orders): the customer is
    // joined to the rows only when a filter reads it.
    const member = source.customerId ?? sql`c.id`;
    const readsCustomer = filters.some((f) => customerDimensions.has(f.dimension));
    const join = source.customerJoin && readsCustomer ? source.customerJoin(ws) : sql``;
    // Segments as of the range's end, as the query builder reads them.
    const seg = segment ? await segmentsAsOf(db, ws, query.to, context.timezone) : null;
    select = sql`with ${seg ? sql`seg as (${seg}),` : sql``} m as (
        select ${member} as id, ${value} as value
        from ${pp} join ${source.from(ws)} and (${scan.rows}) ${join}
          ${segment ? sql`left join seg on seg.customer_id = c.id` : sql``}
        where ${member} is not null and ${filterCondition(source, filters)}
        group by ${member})
      select c.id, c.name, m.value, count(*) over ()::int as total
      from m join customers c on c.workspace_id = ${ws} and c.id = m.id
      order by ${byValue} c.name nulls last, c.id ${limit}`;
  }
  const rows = await db.rows<Row>(select);
  // Every row carries the count of members before the limit; no row means no member.
  const total = Number(rows[0]?.total ?? 0);
  return {
    entity: query.entity,
    metric: metric.id,
    from: query.from,
    to: query.to,
    filters,
    rank,
    unit: hasValue ? (definition.entity === "deals" ? "money" : metric.unit) : null,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      value: r.value === null ? null : Number(r.value),
    })),
    total,
  };
}
