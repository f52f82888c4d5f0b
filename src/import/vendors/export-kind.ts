/**
 * A vendor's CSV export as Pulse reads it: how its header is recognised, and
 * how its columns fill the vendor's record (a Stripe charge, a Shopify order,
 * a HubSpot deal) that the vendor's meaning turns into Pulse rows. The same
 * meaning serves any other source of those records (an API).
 */
import {
  type Cells,
  type Header,
  isUtcColumn,
  type Located,
  type Meaning,
  type Reading,
} from "../reading.js";
import type { TableName } from "../tables.js";
import type { ValueMaps } from "../value-maps.js";

export interface ExportKind {
  /** "Stripe payments export". */
  name: string;
  table: TableName;
  matches(header: Header): boolean;
  read(header: Header): Reading;
}

/** A vendor record's fields -> the export's column names for each, first found wins. */
export type Columns<F extends string> = Record<F, readonly string[]>;

/** Reads a record of the export into the vendor's fields (text, "" when the column is absent). */
export function fieldReader<F extends string>(
  header: Header,
  columns: Columns<F>,
): (record: string[]) => Record<F, string> {
  const readers = Object.entries(columns).map(
    ([field, names]) => [field, header.cell(...(names as string[]))] as const,
  );
  return (record) => {
    const out = {} as Record<F, string>;
    for (const [field, read] of readers) out[field as F] = read(record);
    return out;
  };
}

export interface VendorReading<F extends string> {
  name: string;
  header: Header;
  columns: Columns<F>;
  /** Pulse's columns (and currency, customer.*) -> the field they come from, to name it in problems. */
  produces: Record<string, F | F[]>;
  notes: string[];
  /** The meaning of one record; folding readings keep state in the closure and give rows at end. */
  meaning: (fields: Record<F, string>, line: number, raw: string[]) => Located[] | Meaning;
  end?: () => Located[];
  createsCustomers?: boolean;
  enrichesOnly?: string;
  /** Given the workspace's value maps when the import starts (HubSpot's stages). */
  useValueMaps?: (maps: ValueMaps) => void;
}

/** A Reading over a vendor's meaning. */
export function vendorReading<F extends string>(v: VendorReading<F>): Reading {
  const read = fieldReader(v.header, v.columns);
  const sources: Record<string, string> = {};
  const utc = new Set<string>();
  for (const [canonical, fields] of Object.entries(v.produces) as [string, F | F[]][]) {
    const name = v.header.first(...[fields].flat().flatMap((f) => v.columns[f as F]));
    if (name === undefined) continue;
    sources[canonical] = name;
    if (isUtcColumn(name)) utc.add(canonical);
  }
  return {
    recognised: v.name,
    notes: [...[...utc].map((c) => `${sources[c]} is UTC`), ...v.notes],
    columns: Object.keys(v.produces).filter(
      (c) => c !== "currency" && !c.startsWith("customer.") && sources[c] !== undefined,
    ),
    sources,
    utc,
    ...(v.createsCustomers ? { createsCustomers: true } : {}),
    ...(v.enrichesOnly ? { enrichesOnly: v.enrichesOnly } : {}),
    ...(v.useValueMaps ? { useValueMaps: v.useValueMaps } : {}),
    row: (record, line) => {
      const meant = v.meaning(read(record), line, record);
      return Array.isArray(meant) ? meant : [{ ...meant, line, raw: record }];
    },
    end: v.end ?? (() => []),
  };
}

/** Cells without the empty ones a meaning left out ("" for a column the export lacks). */
export const cellsOf = (cells: Record<string, string | undefined>): Cells =>
  Object.fromEntries(
    Object.entries(cells).filter((e): e is [string, string] => e[1] !== undefined),
  );
