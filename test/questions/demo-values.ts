/** The demo business's own values (plans, channels, ...), as the pipeline reads them from its database. */
import { generateDemo } from "../../db/demo/generate.js";
import type { WorkspaceValues } from "../../src/questions/workspace-values.js";

export function demoValues(): WorkspaceValues {
  const data = generateDemo({ end: "2026-11-22", months: 3, scale: 0.05 });
  const distinct = (rows: Record<string, string>[], column: string) => [
    ...new Set(rows.map((r) => r[column]).filter((v): v is string => Boolean(v))),
  ];
  return {
    plan: distinct(data.customers, "plan"),
    channel: distinct(data.customers, "channel"),
    country: distinct(data.customers, "country"),
    category: distinct(data.orders, "category"),
    owner: distinct(data.deals, "owner"),
    source: distinct(data.deals, "source"),
  };
}
