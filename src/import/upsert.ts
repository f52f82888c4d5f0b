/**
 * Writes one batch of validated rows: insert new keys, update changed rows,
 * leave identical ones alone, and say which was which. Rows travel as one
 * JSON parameter, which both drivers pass the same way.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import type { PreparedRow } from "./import-file.js";
import type { ColumnType, TableSpec } from "./tables.js";

/** Texts whose sentiment is scored on arrival: survey comments and what people write about the business. */
const scoredText: Partial<
  Record<string, { column: string; when?: (values: PreparedRow["values"]) => boolean }>
> = {
  survey_responses: { column: "comment" },
  events: {
    column: "text",
    when: (v) => v.kind === "social_mention" || v.kind === "support_ticket",
  },
};

const casts: Record<ColumnType | "real", string> = {
  text: "text",
  instant: "text",
  date: "date",
  numeric: "numeric",
  integer: "integer",
  boolean: "boolean",
  jsonb: "jsonb",
  real: "real",
};

/** Every value arrives as text and is cast here, so JSON's own types never get in the way. */
export function castValue(column: string, type: ColumnType | "real", timezone: string): SQL {
  const ref = sql`u.${sql.identifier(column)}`;
  if (type !== "instant") return sql`${ref}::${sql.raw(casts[type])}`;
  // A time with an offset is an instant already; a bare date or local time is read in the workspace's zone.
  return sql`case when ${ref} ~ '(Z|[+-]\\d\\d(:?\\d\\d)?)$' then ${ref}::timestamptz else ${ref}::timestamp at time zone ${timezone} end`;
}

export async function upsertBatch(
  tx: Queryable,
  spec: TableSpec,
  presentColumns: string[],
  rows: PreparedRow[],
  options: { workspaceId: string; timezone: string; sentiment?: (text: string) => number | null },
): Promise<{ inserted: number; updated: number }> {
  const columns = spec.columns.filter((c) => presentColumns.includes(c.name) || c.name === "id");
  const typed: { name: string; type: ColumnType | "real" }[] = columns.map((c) => ({
    name: c.name,
    type: c.type,
  }));
  const scored = scoredText[spec.name];
  if (scored && options.sentiment && presentColumns.includes(scored.column)) {
    typed.push({ name: "sentiment", type: "real" });
    for (const row of rows) {
      const text = row.values[scored.column];
      const applies = scored.when?.(row.values) ?? true;
      row.values.sentiment = applies && typeof text === "string" ? options.sentiment(text) : null;
    }
  }
  const payload = JSON.stringify(rows.map((r) => r.values));
  const definition = sql.join(
    typed.map((c) => sql`${sql.identifier(c.name)} text`),
    sql`, `,
  );
  const names = sql.join(
    typed.map((c) => sql.identifier(c.name)),
    sql`, `,
  );
  const values = sql.join(
    typed.map((c) => castValue(c.name, c.type, options.timezone)),
    sql`, `,
  );
  const nonKey = typed.filter((c) => !spec.key.includes(c.name));
  const target = sql.identifier(spec.name);
  const conflict = sql.join(
    ["workspace_id", ...spec.key].map((k) => sql.identifier(k)),
    sql`, `,
  );
  const onConflict =
    nonKey.length === 0
      ? sql`do nothing`
      : sql`do update set ${sql.join(
          nonKey.map((c) => sql`${sql.identifier(c.name)} = excluded.${sql.identifier(c.name)}`),
          sql`, `,
        )}
        where (${sql.join(
          nonKey.map((c) => sql`${target}.${sql.identifier(c.name)}`),
          sql`, `,
        )}) is distinct from (${sql.join(
          nonKey.map((c) => sql`excluded.${sql.identifier(c.name)}`),
          sql`, `,
        )})`;
  const [result] = await tx.rows<{ inserted: number; updated: number }>(sql`
    with up as (
      insert into ${target} (workspace_id, ${names})
      select ${options.workspaceId}, ${values}
      from json_to_recordset(${payload}::json) as u(${definition})
      on conflict (${conflict}) ${onConflict}
      returning (xmax = 0) as inserted
    )
    select (count(*) filter (where inserted))::int as inserted, (count(*) filter (where not inserted))::int as updated from up`);
  return { inserted: Number(result?.inserted ?? 0), updated: Number(result?.updated ?? 0) };
}
