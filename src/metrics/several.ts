/**
 * Several metrics in one question ("revenue and orders last week"): each is
 * its own query over the same range, filters, grouping and comparison, run
 * together; one result each, in the order asked.
 */
import type { Queryable } from "../../db/client.js";
import { type MetricQuery, type MetricResult, type QueryContext, runMetricQuery } from "./query.js";
import type { MetricId } from "./types.js";

export async function runMetricQueries(
  db: Queryable,
  metrics: readonly MetricId[],
  query: Omit<MetricQuery, "metric">,
  context: QueryContext,
): Promise<MetricResult[]> {
  return Promise.all(metrics.map((metric) => runMetricQuery(db, { ...query, metric }, context)));
}
