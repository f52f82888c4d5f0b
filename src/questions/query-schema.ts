/**
 * The typed query as it crosses the database (saved answers, conversations,
 * alert rules): a zod schema per stored variant, checked when a row is read
 * back, so a row written by another version of Pulse is migrated or refused
 * with a reason, never handed to the engine as a bare cast.
 */
import { z } from "zod";
import { type InsightQuestion, riskDimensions } from "../insights/question.js";
import { dimensionIds } from "../metrics/dimensions.js";
import { metricIds } from "../metrics/registry.js";
import type { DimensionId, Filter, MetricId, Rank } from "../metrics/types.js";
import type { ExplainAsk, ForecastAsk, ListAsk, MetricAsk, Range } from "./query.js";

const oneOf = <T extends string>(values: readonly T[]) => z.enum(values as [T, ...T[]]);

const metric: z.ZodType<MetricId> = oneOf(metricIds);
const dimension: z.ZodType<DimensionId> = oneOf(dimensionIds);
const day = z.iso.date();

export { day as daySchema, dimension as dimensionSchema, metric as metricSchema };

const range: z.ZodType<Range> = z.object({ from: day, to: day });
const grain = z.enum(["day", "week", "month", "quarter", "year"]);
const compare = z.enum(["previous_period", "previous_year"]);
export const filterSchema: z.ZodType<Filter> = z.object({
  dimension,
  op: z.enum(["in", "not_in"]),
  values: z.array(z.string()).min(1),
});
const rank: z.ZodType<Rank> = z.object({
  order: z.enum(["desc", "asc"]),
  limit: z.number().int().positive().nullable(),
});
const unused = z.array(z.string());

export const metricAskSchema: z.ZodType<MetricAsk> = z.object({
  intent: z.literal("metric"),
  metrics: z.tuple([metric], metric),
  filters: z.array(filterSchema),
  groupBy: dimension.nullable(),
  rank: rank.nullable(),
  grain: grain.nullable(),
  compare: compare.nullable(),
  range,
  unused,
});

export const forecastAskSchema: z.ZodType<ForecastAsk> = z.object({
  intent: z.literal("forecast"),
  metric,
  filters: z.array(filterSchema),
  groupBy: dimension.nullable(),
  grain,
  horizon: z.object({ n: z.number().int().positive(), unit: grain }),
  range,
  unused,
});

export const listAskSchema: z.ZodType<ListAsk> = z.object({
  intent: z.literal("list"),
  entity: z.enum(["customers", "deals"]),
  metric,
  filters: z.array(filterSchema),
  rank: rank.nullable(),
  range,
  unused,
});

export const explainAskSchema: z.ZodType<ExplainAsk> = z.object({
  intent: z.literal("explain"),
  metric,
  filters: z.array(filterSchema),
  compare,
  range,
  asked: z.enum(["rise", "drop"]).nullable(),
  unused,
});

export const insightQuestionSchema: z.ZodType<InsightQuestion> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("at_risk") }),
  z.object({
    kind: z.literal("risk_by"),
    dimension: oneOf(riskDimensions).nullable(),
    asked: z.string(),
  }),
  z.object({ kind: z.literal("profitability"), by: z.enum(["channel", "segment"]), range }),
  z.object({ kind: z.literal("themes"), range }),
]);

/** What went wrong reading a stored value, in words for the log (the user gets a sentence of their own). */
export const issuesOf = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "value"}: ${i.message}`)
    .join("; ");

/** The version written now; rows without one are of the first release (version 0). */
export const STORED_VERSION = 1;

/**
 * The stored form of a value: its fields and the version, side by side (so
 * SQL that reads a field, as the event triggers read a rule's source, reads
 * it where it always was).
 */
export const stored = <T extends object>(value: T) => ({ ...value, version: STORED_VERSION });

export type ReadBack<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * A value read back from the database: written with `stored`, or bare as
 * rows of the first release hold it, which reads as today's when it fits
 * today's shape (its fields are the same). A newer version, or a value that
 * no longer fits, is a problem in words, never a cast.
 */
export function readStored<T>(schema: z.ZodType<T>, raw: unknown): ReadBack<T> {
  const json = typeof raw === "string" ? safeJson(raw) : raw;
  const version = typeof json === "object" && json !== null && "version" in json ? json.version : 0;
  if (version !== 0 && version !== STORED_VERSION)
    return {
      ok: false,
      problem: `stored as version ${String(version)}; this Pulse reads version ${STORED_VERSION}`,
    };
  const parsed = schema.safeParse(json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problem: issuesOf(parsed.error) };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
