/** The demo business's own values (plans, channels, ...) as its database would hold them, without a database: for the language benchmarks and tests. */
import { generateDemo } from "../../db/demo/generate.js";
import type { WorkspaceValues } from "../questions/workspace-values.js";

export function demoValues(): WorkspaceValues {
  const data = generateDemo({ end: "2026-11-22", months: 3, scale: 0.1 });
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
