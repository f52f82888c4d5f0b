/**
 * A rule's definition as read back from alert_rules: checked against the
 * schema of its version (zod), never cast. A definition no version of this
 * Pulse can read stays a rule, marked unreadable with the reason, so
 * `pulse alert list` shows it as needing an edit and nothing is dropped.
 */
import { z } from "zod";
import {
  daySchema as day,
  dimensionSchema as dimension,
  filterSchema as filter,
  metricSchema as metric,
  readStored,
} from "../questions/query-schema.js";
import type { AlertQuery, RuleDefinition, StoredDefinition } from "./types.js";
import type { Window } from "./window.js";

const calendarUnit = z.enum(["week", "month", "quarter", "year"]);

const window: z.ZodType<Window> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("days"), days: z.number().int().positive() }),
  z.object({ kind: z.literal("last"), unit: calendarUnit }),
  z.object({ kind: z.literal("so_far"), unit: calendarUnit }),
  z.object({ kind: z.literal("fixed"), from: day, to: day }),
]);

const alertQuery: z.ZodType<AlertQuery> = z.object({
  metric,
  filters: z.array(filter),
  groupBy: dimension.nullable(),
  window,
});

const minVolume = z.number().nonnegative();

const definition: z.ZodType<RuleDefinition> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("digest"), questions: z.array(z.string()) }),
  z.object({
    kind: z.literal("threshold"),
    question: z.string(),
    query: alertQuery.optional(),
    comparison: z.enum([">", ">=", "<", "<="]),
    value: z.number(),
    minVolume,
  }),
  z.object({
    kind: z.literal("change"),
    question: z.string(),
    query: alertQuery.optional(),
    direction: z.enum(["up", "down", "either"]),
    percent: z.number().positive(),
    against: z.enum(["week", "month", "year", "period"]),
    minVolume,
  }),
  z.object({ kind: z.literal("anomaly"), metric, grain: z.enum(["day", "week", "month"]) }),
  z.object({
    kind: z.literal("event"),
    source: z.enum(["order", "signup", "churn", "deal", "event"]),
    conditions: z.array(
      z.object({
        field: z.string(),
        op: z.enum(["=", ">", ">=", "<", "<="]),
        value: z.union([z.string(), z.number()]),
      }),
    ),
  }),
]);

/** The definition of a stored rule, or why it cannot be read. */
export function readDefinition(raw: unknown): StoredDefinition {
  const read = readStored(definition, raw);
  return read.ok ? read.value : { kind: "unreadable", problem: read.problem };
}
