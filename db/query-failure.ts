/**
 * A failed query as it may be shown: drizzle's error message carries the SQL
 * and every parameter (an import's batch: thousands of customers' names and
 * e-mails), which must never reach a terminal or a log. What is kept is the
 * database's own message, with its error as the cause.
 */
import { DrizzleQueryError } from "drizzle-orm/errors";
import { DatabaseUnavailableError } from "./errors.js";

/** Postgres's SQLSTATE for a full disk; PGlite raises it as well. */
const DISK_FULL = "53100";

/** The database's own error under drizzle's wrapper, when there is one. */
const databaseError = (error: unknown): unknown =>
  error instanceof DrizzleQueryError ? error.cause : error;

export function isDiskFull(error: unknown): boolean {
  const inner = databaseError(error);
  return (
    inner instanceof Error &&
    ((inner as { code?: unknown }).code === DISK_FULL || /no space left/i.test(inner.message))
  );
}

/** A query failed: why, in the database's words, without the query or its parameters. */
export class DatabaseQueryError extends Error {
  constructor(cause: Error) {
    super(cause.message, { cause });
    this.name = "DatabaseQueryError";
  }
}

/** `error` without the query and its rows; errors that are not drizzle's pass as they are. */
export function withoutRowData(error: unknown): unknown {
  if (!(error instanceof DrizzleQueryError)) return error;
  const inner = error.cause;
  if (isDiskFull(error))
    return new DatabaseUnavailableError(
      `the database's disk is full (${inner instanceof Error ? inner.message : "no space left"}): nothing of this operation was kept; free some space and run it again`,
      { cause: inner },
    );
  return inner instanceof Error ? new DatabaseQueryError(inner) : new Error("a query failed");
}
