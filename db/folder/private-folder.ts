/**
 * A data folder holds customers' names and e-mails: only its owner may read
 * it. PGlite's first start writes its files 0666 whatever the umask (and
 * Postgres rewrites its relcache init files 0644 at each start), and a folder
 * made by an older Pulse is 0755, so the folder is made owner-only (folders
 * 0700, files 0600) when it is hosted, and the hosting process runs with
 * umask 077 so that what PGlite writes later (tables, WAL) is born that way.
 */
import { chmodSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const ownerOnly = (isDir: boolean) => (isDir ? 0o700 : 0o600);

/** Makes everything under `dir` (itself included) owner-only; returns how many entries were looser. */
function tighten(dir: string): number {
  let loosened = 0;
  const fix = (path: string, isDir: boolean) => {
    if ((statSync(path).mode & 0o077) === 0) return;
    chmodSync(path, ownerOnly(isDir));
    loosened++;
  };
  fix(dir, true);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    // A socket is the owner's to chmod (folder-host.ts); links are left alone.
    if (!entry.isDirectory() && !entry.isFile()) continue;
    fix(join(entry.parentPath, entry.name), entry.isDirectory());
  }
  return loosened;
}

const statSafe = (path: string) => {
  try {
    return statSync(path);
  } catch {
    return null;
  }
};

/** Whether the folder looks tightened already: the walk is skipped at each start after the first. */
function looksPrivate(dataDir: string): boolean {
  const folder = statSafe(dataDir);
  const version = statSafe(join(dataDir, "PG_VERSION"));
  return folder !== null && version !== null && ((folder.mode | version.mode) & 0o077) === 0;
}

/**
 * Before the folder's database opens: from now on this process creates
 * owner-only files, and a folder others could read is fixed, saying so.
 */
export function privateFolder(dataDir: string): void {
  if (process.platform === "win32") return;
  process.umask(0o077);
  if (looksPrivate(dataDir)) return;
  const existed = statSafe(join(dataDir, "PG_VERSION"));
  const loosened = tighten(dataDir);
  if (existed && loosened > 0)
    process.stderr.write(
      `pulse: PULSE_DATA_DIR ${dataDir}: ${loosened} files and folders could be read by other users of this machine; made them owner-only (folders 0700, files 0600)\n`,
    );
}

/**
 * Once the database is open: a new folder's first files, and the relcache
 * init files Postgres rewrites at every start, are 0666/0644 whatever the umask.
 */
export function privateOpenedFolder(dataDir: string): void {
  if (process.platform === "win32") return;
  if (!looksPrivate(dataDir)) tighten(dataDir);
  const base = join(dataDir, "base");
  const initFiles = [
    join(dataDir, "global", "pg_internal.init"),
    ...readdirSync(base).map((db) => join(base, db, "pg_internal.init")),
  ];
  for (const file of initFiles) if (statSafe(file)) chmodSync(file, 0o600);
}
