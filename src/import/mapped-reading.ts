/**
 * The reading of a file by its column names: Pulse's canonical ones, others
 * named with --map, constants given with --set, and columns derived as of the
 * export's day (--churned-when, --tenure-months).
 */
import { type Derivations, type Deriver, derivers } from "./derive.js";
import type { RowProblem } from "./errors.js";
import { type Cells, type Header, isUtcColumn, type Located, type Reading } from "./reading.js";
import type { TableSpec } from "./tables.js";

export interface Mapping {
  /** canonical column -> the file's column name. */
  map?: Record<string, string>;
  /** canonical column -> a constant for every row. */
  set?: Record<string, string>;
  derive?: Derivations;
}

export function mappedReading(
  spec: TableSpec,
  header: Header,
  mapping: Mapping,
  file: string,
): { reading: Reading } | { problems: RowProblem[] } {
  const { derived, problems } = mapping.derive
    ? derivers(mapping.derive, header.names, file)
    : { derived: new Map<string, Deriver>(), problems: [] as RowProblem[] };
  for (const [canonical, source] of Object.entries(mapping.map ?? {})) {
    if (!spec.columns.some((c) => c.name === canonical)) {
      problems.push({
        file,
        line: 1,
        column: canonical,
        problem: `--map names no column of ${spec.name} (columns: ${spec.columns.map((c) => c.name).join(", ")})`,
      });
    } else if (header.index(source) === undefined) {
      problems.push({
        file,
        line: 1,
        column: canonical,
        problem: `--map points at "${source}", which is not in the header (columns: ${header.names.join(", ")})`,
      });
    }
  }
  const positions = new Map<string, number>();
  const sources: Record<string, string> = {};
  const utc = new Set<string>();
  for (const column of spec.columns) {
    if (derived.has(column.name)) continue;
    const source = mapping.map?.[column.name] ?? column.name;
    const index = header.index(source);
    if (index !== undefined) {
      positions.set(column.name, index);
      sources[column.name] = header.names[index]!.trim();
      if (isUtcColumn(header.names[index]!)) utc.add(column.name);
    } else if (
      column.required &&
      mapping.set?.[column.name] === undefined &&
      !(spec.hashedId && column.name === "id")
    ) {
      problems.push({
        file,
        line: 1,
        column: column.name,
        problem: `required column is missing from the header (name the file's column with --map ${column.name}=COLUMN, or give a value with --set ${column.name}=VALUE)`,
      });
    }
  }
  if (problems.length > 0) return { problems };
  const set = Object.entries(mapping.set ?? {});
  const currency = header.index("currency");
  const row = (record: string[], line: number): Located[] => {
    const cells: Cells = {};
    for (const [canonical, index] of positions) cells[canonical] = record[index] ?? "";
    for (const [canonical, value] of set) cells[canonical] ??= value;
    for (const [canonical, derive] of derived) {
      const { source, parsed } = derive(record);
      if (!parsed.ok)
        return [{ problem: { column: source, problem: parsed.problem }, line, raw: record }];
      cells[canonical] = parsed.value ?? "";
    }
    if (currency !== undefined && spec.columns.some((c) => c.type === "numeric"))
      cells.currency = record[currency] ?? "";
    return [{ cells, line, raw: record }];
  };
  return {
    reading: {
      recognised: null,
      notes: [...utc].map((c) => `${sources[c]} is UTC`),
      columns: [...positions.keys(), ...derived.keys(), ...set.map(([c]) => c)],
      sources,
      utc,
      row,
      end: () => [],
    },
  };
}
