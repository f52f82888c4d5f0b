/**
 * Why a Postgres server named by DATABASE_URL could not be used, in words
 * that name the variable and the fix. The password never appears.
 */
import { DatabaseUnavailableError } from "./errors.js";

const codeOf = (error: unknown) =>
  error instanceof Error ? String((error as { code?: unknown }).code ?? "") : "";

/** How long a server may take to answer the first contact before Pulse gives up on it. */
export const CONNECT_TIMEOUT_S = 5;

const fail = (message: string, cause?: unknown) =>
  new DatabaseUnavailableError(`DATABASE_URL: ${message}`, { cause });

const decoded = (part: string) => {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
};

/** host:port of a DATABASE_URL, for messages: never its user or password. */
export const whereOf = (target: URL) =>
  `${target.hostname || "localhost"}:${target.port || "5432"}`;

/**
 * A DATABASE_URL the driver cannot even read, said before it throws a bare
 * "URI malformed": which part has a bad percent escape, the password never shown.
 */
export function checkPostgresUrl(url: string): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch (error) {
    throw fail("is not a URL (expected postgres://user:password@host:5432/database)", error);
  }
  const parts: [string, string][] = [
    ["user", target.username],
    ["password", target.password],
    ["database name", target.pathname.slice(1)],
  ];
  for (const [name, part] of parts)
    if (decoded(part) === undefined)
      throw fail(
        `the ${name} has a bad percent escape (a % not followed by two hex digits); write a literal % as %25`,
      );
  return target;
}

/** The first contact did not get an answer in time: postgres.js would wait forever, reconnecting. */
export const unanswered = (url: string) =>
  fail(
    `${whereOf(new URL(url))} does not answer within ${CONNECT_TIMEOUT_S} s; check the host, port and network (a firewall that drops packets looks like this)`,
  );

/** The failure explained, or undefined when it is not about reaching the database. */
export function explainPostgresFailure(
  url: string,
  error: unknown,
): DatabaseUnavailableError | undefined {
  const target = new URL(url);
  const where = whereOf(target);
  const user = decoded(target.username) || "(your OS user)";
  const database = decoded(target.pathname.slice(1)) || user;
  const reason = error instanceof Error ? error.message : String(error);
  const tls = target.searchParams.get("sslmode") ?? target.searchParams.get("ssl");
  if (tls && tls !== "disable" && /TLS|SSL/.test(reason))
    return fail(
      `${where} did not take a TLS connection (sslmode=${tls}: ${reason}); enable SSL on the server, or remove sslmode from DATABASE_URL on a trusted network`,
      error,
    );
  switch (codeOf(error)) {
    case "ECONNREFUSED":
      return fail(
        `nothing answers at ${where} (connection refused); start Postgres there or correct the host and port`,
        error,
      );
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return fail(`host "${target.hostname}" not found; correct the host`, error);
    case "CONNECT_TIMEOUT":
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return fail(
        `${where} does not answer (${codeOf(error)}); check the host, port and network`,
        error,
      );
    case "28P01":
    case "28000":
      return fail(
        `Postgres at ${where} refused user "${user}" (${reason}); correct the user and password`,
        error,
      );
    case "3D000":
      return fail(
        `database "${database}" does not exist at ${where}; create it (createdb ${database}) or name an existing one`,
        error,
      );
    default:
      return undefined;
  }
}
