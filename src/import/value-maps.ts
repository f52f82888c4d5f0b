/**
 * Values a file writes for canonical ones: given with --map-values
 * (stage="Closed Won=won,Closed Lost=lost"), remembered per workspace once a
 * file imports with them, and asked for, with the exact flag, when a file
 * has a value Pulse cannot place.
 */
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { ConfigError } from "../errors.js";
import type { RowProblem } from "./errors.js";
import type { TableSpec } from "./tables.js";

/** canonical column -> the file's value (lower case) -> the canonical value. */
export type ValueMaps = Record<string, Record<string, string>>;

/** --map-values 'stage=Closed Won=won,Closed Lost=lost' (repeatable), as value maps. */
export function parseValueMaps(texts: string[]): ValueMaps {
  const maps: ValueMaps = {};
  for (const text of texts) {
    const at = text.indexOf("=");
    const column = text.slice(0, at).trim();
    const body = text.slice(at + 1);
    if (at <= 0 || body.trim() === "")
      throw new ConfigError(
        `--map-values takes COLUMN="value=canonical,value=canonical", e.g. stage="Closed Won=won,Closed Lost=lost"; got "${text}"`,
      );
    maps[column] ??= {};
    const map = maps[column];
    for (const pair of body.split(",")) {
      const eq = pair.lastIndexOf("=");
      if (eq <= 0)
        throw new ConfigError(
          `--map-values ${column}: "${pair.trim()}" is not value=canonical (e.g. Closed Won=won)`,
        );
      map[pair.slice(0, eq).trim().toLowerCase()] = pair.slice(eq + 1).trim();
    }
  }
  return maps;
}

/** The maps a file of this table is read with: the ones remembered, then the given ones over them. */
export async function valueMapsFor(
  db: Queryable,
  workspaceId: string,
  spec: TableSpec,
  given: ValueMaps | undefined,
): Promise<ValueMaps> {
  const remembered = await db.rows<{ target: string; value: string; canonical: string }>(
    sql`select target, value, canonical from import_value_maps
      where workspace_id = ${workspaceId} and target like ${`${spec.name}.%`}`,
  );
  const maps: ValueMaps = {};
  for (const r of remembered) {
    const column = r.target.slice(spec.name.length + 1);
    maps[column] = { ...maps[column], [r.value]: r.canonical };
  }
  for (const [column, map] of Object.entries(given ?? {}))
    maps[column] = { ...maps[column], ...map };
  return maps;
}

/** Keeps the given maps of a file that imported, for the next one. */
export async function rememberValueMaps(
  db: Queryable,
  workspaceId: string,
  spec: TableSpec,
  given: ValueMaps | undefined,
): Promise<void> {
  const rows = Object.entries(given ?? {})
    .filter(([column]) => spec.columns.some((c) => c.name === column && c.choices))
    .flatMap(([column, map]) =>
      Object.entries(map).map(([value, canonical]) => ({
        target: `${spec.name}.${column}`,
        value,
        canonical,
      })),
    );
  if (rows.length === 0) return;
  await db.rows(sql`insert into import_value_maps (workspace_id, target, value, canonical)
    select ${workspaceId}, r.target, r.value, r.canonical
    from json_to_recordset(${JSON.stringify(rows)}::json) as r(target text, value text, canonical text)
    on conflict (workspace_id, target, value) do update set canonical = excluded.canonical`);
}

/** Values of choice columns that no map places, with the lines they are on: one question for all of them. */
export class UnplacedValues {
  private readonly values = new Map<string, { source: string; lines: Map<string, number[]> }>();

  get size(): number {
    return this.values.size;
  }

  add(column: string, source: string | undefined, value: string, line: number): void {
    const entry = this.values.get(column) ?? { source: source ?? column, lines: new Map() };
    this.values.set(column, entry);
    const lines = entry.lines.get(value) ?? [];
    if (lines.length < 3) lines.push(line);
    entry.lines.set(value, lines);
  }

  /** One problem per column: the values, where they are, and the flag that places them. */
  problems(file: string, spec: TableSpec, given: ValueMaps | undefined): RowProblem[] {
    return [...this.values].map(([column, { source, lines }]) => {
      const choices = spec.columns.find((c) => c.name === column)?.choices ?? [];
      const values = [...lines];
      const example = values.map(([v]) => `${v}=${choices[0] ?? "..."}`).join(",");
      const already = given?.[column] ? " (besides the ones given)" : "";
      return {
        file,
        line: values[0]![1][0]!,
        column: source === column ? column : `${source} (${column})`,
        problem:
          `${values.length} value(s) Pulse cannot place${already}: ` +
          values.map(([v, at]) => `"${v}" (line ${at.join(", ")})`).join(", ") +
          `. Say what each is, one of ${choices.join(", ")}: --map-values ${column}="${example}" (remembered for the next import)`,
      };
    });
  }
}
