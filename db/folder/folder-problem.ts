/**
 * What is wrong with a data folder, in one line naming PULSE_DATA_DIR and the
 * fix, instead of a stack trace from mkdir or from PGlite's insides.
 */
import { DatabaseUnavailableError } from "../errors.js";

const codeOf = (error: unknown) =>
  error instanceof Error ? String((error as { code?: unknown }).code ?? "") : "";

/** The deepest message of an error: drizzle's "Failed query" wraps the one that says what happened. */
function rootMessage(error: unknown): string {
  let at = error;
  while (at instanceof Error && at.cause instanceof Error) at = at.cause;
  return at instanceof Error ? at.message : String(at);
}

/** The disk holding the folder is full: said the same wherever it is found. */
export const diskFull = (dataDir: string, cause?: unknown) =>
  new DatabaseUnavailableError(
    `disk full at ${dataDir} (PULSE_DATA_DIR): nothing of this operation was kept; free some space there and run it again`,
    { cause },
  );

/** A file-system error on the folder, or null when the error is not one. */
export function folderFsProblem(dataDir: string, error: unknown): DatabaseUnavailableError | null {
  const say = (what: string) =>
    new DatabaseUnavailableError(`PULSE_DATA_DIR ${dataDir} ${what}`, { cause: error });
  switch (codeOf(error)) {
    case "EEXIST":
    case "ENOTDIR":
      return say("is a file, not a folder; point PULSE_DATA_DIR at a folder");
    case "EACCES":
    case "EPERM":
      return say(
        `may not be written by this user (${codeOf(error)}); give the user the folder, or point PULSE_DATA_DIR elsewhere`,
      );
    case "EROFS":
      return say("is on a read-only file system; point PULSE_DATA_DIR at a writable folder");
    case "ENOENT":
      return say(
        "cannot be created: a folder above it is missing or read-only; create it, or point PULSE_DATA_DIR elsewhere",
      );
    case "ENOSPC":
      return diskFull(dataDir, error);
    default:
      return null;
  }
}

/** The folder's database would not open (PGlite aborts on a damaged or half-deleted folder). */
export function folderOpenProblem(dataDir: string, error: unknown): DatabaseUnavailableError {
  if (error instanceof DatabaseUnavailableError) return error;
  const fs = folderFsProblem(dataDir, error);
  if (fs) return fs;
  if (/no space left/i.test(rootMessage(error))) return diskFull(dataDir, error);
  // PGlite says "Aborted()" or "failed to initialize": the cause is kept, not printed.
  return new DatabaseUnavailableError(
    `PULSE_DATA_DIR ${dataDir} holds a database that cannot be opened: it is damaged or partly deleted; restore the folder from a backup, or move it away and import your data again`,
    { cause: error },
  );
}
