/**
 * Filters of a metric query (questions.md v2): which dimensions a metric can
 * be filtered on, and each filter as a SQL condition over a source's rows.
 * A filter compares the same key expression a group-by uses, so "revenue for
 * plan pro" is exactly the `pro` group of "revenue by plan".
 */
import { type SQL, sql } from "drizzle-orm";
import { QueryError, UnsupportedDimensionError } from "../errors.js";
import { segmentRules } from "../segments/rfm.js";
import { dimensions } from "./dimensions.js";
import type { Source } from "./sources.js";
import type { DimensionId, Filter, MetricDefinition } from "./types.js";

/** Checks every filter against the metric: a known dimension it has, `in`/`not_in`, at least one value. */
export function validateFilters(metric: MetricDefinition, filters: readonly Filter[]): void {
  for (const filter of filters) {
    if (!(filter.dimension in dimensions))
      throw new QueryError(`Unknown dimension "${filter.dimension}" in a filter.`);
    if (!metric.dimensions.includes(filter.dimension))
      throw new UnsupportedDimensionError(
        metric.id,
        filter.dimension,
        metric.dimensions,
        "filtered",
      );
    if (filter.op !== "in" && filter.op !== "not_in")
      throw new QueryError(`A filter's op is "in" or "not_in", got "${filter.op}".`);
    if (!Array.isArray(filter.values) || filter.values.length === 0)
      throw new QueryError(`The filter on ${filter.dimension} has no values.`);
  }
}

/** RFM segments may be named by id ("at_risk") or by the label the dimension's keys carry ("at risk"). */
const segmentLabels = new Map(segmentRules.map((rule) => [rule.segment, rule.label]));

/** The value as the key expression yields it, lower-cased: comparisons ignore case. */
function keyValue(dimension: DimensionId, value: string): string {
  const canonical =
    dimension === "segment" ? (segmentLabels.get(value as never) ?? value) : value.trim();
  return canonical.toLowerCase();
}

/**
 * The rows of `source` every filter keeps, as one condition (true when there
 * are none). A missing value is the group `unknown`, as in a group-by, so
 * `not_in [pro]` keeps customers without a plan and `in [unknown]` finds them.
 */
export function filterCondition(source: Source, filters: readonly Filter[]): SQL {
  if (filters.length === 0) return sql`true`;
  const conditions = filters.map((filter) => {
    const key = source.keys[filter.dimension];
    if (!key) throw new QueryError(`${source.id} cannot be filtered by ${filter.dimension}.`);
    const values = sql.join(
      [...new Set(filter.values.map((v) => keyValue(filter.dimension, v)))].map((v) => sql`${v}`),
      sql`, `,
    );
    const negate = filter.op === "not_in" ? sql`not ` : sql``;
    return sql`lower(coalesce((${key})::text, 'unknown')) ${negate}in (${values})`;
  });
  return sql.join(conditions, sql` and `);
}
