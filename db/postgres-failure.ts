/**
 * Why a Postgres server named by DATABASE_URL could not be used, in words
 * that name the variable and the fix. The password never appears.
 */
import { DatabaseUnavailableError } from "./errors.js";

const codeOf = (error: unknown) =>
  error instanceof Error ? String((error as { code?: unknown }).code ?? "") : "";

/** The failure explained, or undefined when it is not about reaching the database. */
export function explainPostgresFailure(
  url: string,
  error: unknown,
): DatabaseUnavailableError | undefined {
  const target = new URL(url);
  const where = `${target.hostname || "localhost"}:${target.port || "5432"}`;
  const user = decodeURIComponent(target.username) || "(your OS user)";
  const database = decodeURIComponent(target.pathname.slice(1)) || user;
  const reason = error instanceof Error ? error.message : String(error);
  const fail = (message: string) =>
    new DatabaseUnavailableError(`DATABASE_URL: ${message}`, { cause: error });
  switch (codeOf(error)) {
    case "ECONNREFUSED":
      return fail(
        `nothing answers at ${where} (connection refused); start Postgres there or correct the host and port`,
      );
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return fail(`host "${target.hostname}" not found; correct the host`);
    case "CONNECT_TIMEOUT":
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return fail(`${where} does not answer (${codeOf(error)}); check the host, port and network`);
    case "28P01":
    case "28000":
      return fail(
        `Postgres at ${where} refused user "${user}" (${reason}); correct the user and password`,
      );
    case "3D000":
      return fail(
        `database "${database}" does not exist at ${where}; create it (createdb ${database}) or name an existing one`,
      );
    default:
      return undefined;
  }
}
