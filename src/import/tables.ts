/**
 * The importable tables of metrics.md: their canonical columns, how each cell
 * is read, and what makes a row's key.
 */
import { dealStages, surveyKinds } from "../../db/schema/data.js";
import { isSurveyKind, scales } from "../surveys/kinds.js";
import {
  type CellOptions,
  type Parsed,
  parseAmount,
  parseBoolean,
  parseChoice,
  parseCountry,
  parseDate,
  parseGender,
  parseInstant,
  parseInteger,
  parseJson,
} from "./values.js";

/** The order `pulse import --dir` loads files in: customers first, everything else refers to them. */
export const tableNames = [
  "customers",
  "orders",
  "deals",
  "marketing_spend",
  "survey_responses",
  "events",
] as const;

export type TableName = (typeof tableNames)[number];

/** How a value travels to SQL: the cast applied to the text the parser produced. */
export type ColumnType = "text" | "instant" | "date" | "numeric" | "integer" | "boolean" | "jsonb";

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required: boolean;
  /** The values a cell may take, when it is a choice (deal stages): one the file writes otherwise can be mapped with --map-values. */
  choices?: readonly string[];
  /** The value of an empty cell, when it is not null (a refund nobody made is 0). */
  empty?: string;
  parse: (cell: string, options: CellOptions) => Parsed;
}

export interface TableSpec {
  name: TableName;
  columns: ColumnSpec[];
  /** Columns that identify a row (besides the workspace). */
  key: string[];
  /** When the file has no id, the id is a hash of all the row's columns (events, anonymous survey answers). */
  hashedId: boolean;
  /** A column naming a customer that must exist. */
  customerColumn?: string;
  /** The instant that shows the customer existed then: their sign-up when the import creates them (--create-customers). */
  customerSince?: string;
  /** Checks across columns of one row; returns [column, problem] or null. */
  check?: (row: Record<string, string | null>) => [string, string] | null;
}

/** Columns of one type whose cells `parse` reads, by name and whether a row must have them. */
const column =
  (type: ColumnType, parse: ColumnSpec["parse"]) =>
  (name: string, required = false): ColumnSpec => ({ name, type, required, parse });
const text = column("text", (cell) => ({ ok: true, value: cell }));
const date = column("date", parseDate);
const instant = column("instant", parseInstant);
const amount = column("numeric", (cell, o) => parseAmount(cell, false, o.conventions, o.currency));
/** Text that must be one of `choices` (any case; stored lower case). */
const choice = (name: string, choices: readonly string[], required = false): ColumnSpec => ({
  ...column("text", (cell) => parseChoice(cell, choices))(name, required),
  choices,
});

/** Compares two instants as the parser wrote them ("YYYY-MM-DD HH:MM:SS..."), ignoring offsets: a sanity check, not a clock. */
const before = (a: string | null | undefined, b: string | null | undefined): boolean =>
  !!a && !!b && a < b;

export const tables: Record<TableName, TableSpec> = {
  customers: {
    name: "customers",
    key: ["id"],
    hashedId: false,
    columns: [
      text("id", true),
      text("name"),
      text("email"),
      text("phone"),
      column("text", parseCountry)("country"),
      column("text", parseGender)("gender"),
      date("birth_date"),
      text("plan"),
      text("channel"),
      instant("signup_at", true),
      instant("churned_at"),
      text("telegram_chat_id"),
      text("slack_user_id"),
      text("locale"),
      column("boolean", parseBoolean)("survey_opt_out"),
    ],
    check: (row) =>
      before(row.churned_at, row.signup_at) ? ["churned_at", "is before signup_at"] : null,
  },
  orders: {
    name: "orders",
    key: ["id"],
    hashedId: false,
    customerColumn: "customer_id",
    customerSince: "ordered_at",
    columns: [
      text("id", true),
      text("customer_id", true),
      instant("ordered_at", true),
      amount("amount", true),
      text("category"),
      { ...amount("refunded"), empty: "0" },
    ],
    check: (row) =>
      row.refunded && row.amount && Number(row.refunded) > Number(row.amount)
        ? ["refunded", `${row.refunded} is more than the order's amount ${row.amount}`]
        : null,
  },
  deals: {
    name: "deals",
    key: ["id"],
    hashedId: false,
    customerColumn: "customer_id",
    columns: [
      text("id", true),
      text("customer_id"),
      text("name"),
      choice("stage", dealStages, true),
      amount("amount"),
      text("owner"),
      text("source"),
      instant("created_at", true),
      instant("closed_at"),
    ],
    check: (row) =>
      before(row.closed_at, row.created_at) ? ["closed_at", "is before created_at"] : null,
  },
  marketing_spend: {
    name: "marketing_spend",
    key: ["date", "channel"],
    hashedId: false,
    columns: [date("date", true), text("channel", true), amount("amount", true)],
  },
  survey_responses: {
    name: "survey_responses",
    key: ["id"],
    hashedId: true,
    customerColumn: "customer_id",
    columns: [
      text("id"),
      text("customer_id"),
      choice("kind", surveyKinds, true),
      column("integer", (cell) => parseInteger(cell, -1_000_000, 1_000_000))("score", true),
      text("comment"),
      instant("responded_at", true),
      choice("source", ["telegram", "slack", "import"]),
    ],
    check: (row) => {
      const kind = row.kind ?? "";
      const score = Number(row.score);
      if (!isSurveyKind(kind)) return null;
      const { min, max } = scales[kind];
      return score < min || score > max
        ? ["score", `${score} is out of range ${min}-${max} for ${kind}`]
        : null;
    },
  },
  events: {
    name: "events",
    key: ["id"],
    hashedId: true,
    customerColumn: "customer_id",
    columns: [
      text("id"),
      text("customer_id"),
      column("text", (cell) => ({ ok: true, value: cell.toLowerCase() }))("kind", true),
      instant("occurred_at", true),
      text("text"),
      column("jsonb", parseJson)("properties"),
    ],
  },
};

/** What an order's row may say of its customer, filled in when --create-customers creates them. */
export const customerDetails: ColumnSpec[] = tables.customers.columns.filter((c) =>
  ["name", "email", "phone", "country"].includes(c.name),
);

export const isTableName = (value: string): value is TableName => value in tables;
