/**
 * What differs between a request's JSON and what an example expects: only
 * the fields the example names are checked, nested objects field by field,
 * lists element by element, filters as sets (questions.md). Used by the
 * alert phrasing tests and by `npm run bench:nl`.
 */
import type { Filter } from "../../src/metrics/types.js";

const filterSet = (filters: Filter[]) =>
  JSON.stringify(
    filters
      .map((f) => ({ ...f, values: [...f.values].sort() }))
      .sort((a, b) => a.dimension.localeCompare(b.dimension)),
  );

/** The paths where `got` differs from `want`, each with both values; [] when it matches. */
export function differences(got: unknown, want: unknown, path = ""): string[] {
  if (path.endsWith("filters") && Array.isArray(got) && Array.isArray(want))
    return filterSet(got as Filter[]) === filterSet(want as Filter[])
      ? []
      : [`${path}: expected ${JSON.stringify(want)} got ${JSON.stringify(got)}`];
  if (want !== null && typeof want === "object" && !Array.isArray(want)) {
    if (got === null || typeof got !== "object" || Array.isArray(got))
      return [`${path || "."}: expected ${JSON.stringify(want)} got ${JSON.stringify(got)}`];
    return Object.entries(want).flatMap(([key, value]) =>
      differences((got as Record<string, unknown>)[key], value, path ? `${path}.${key}` : key),
    );
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length)
      return [`${path}: expected ${JSON.stringify(want)} got ${JSON.stringify(got)}`];
    return want.flatMap((value, i) => differences(got[i], value, `${path}[${i}]`));
  }
  return JSON.stringify(got) === JSON.stringify(want)
    ? []
    : [`${path}: expected ${JSON.stringify(want)} got ${JSON.stringify(got)}`];
}
