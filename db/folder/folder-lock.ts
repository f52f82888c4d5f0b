/**
 * Who owns a data folder: an OS lock on `pulse.lock` inside it (an
 * open-file-description lock on Linux, flock on macOS, LockFileEx on Windows).
 * The kernel drops it when the owner exits, however it exits (SIGKILL
 * included), so a stale lock cannot exist and taking over needs no guessing
 * from PIDs or timestamps. The file also records the owner's PID for messages.
 */
import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { tryLock } from "fs-native-extensions";

export interface FolderLock {
  release(): void;
}

export const folderLockPath = (dataDir: string) => join(dataDir, "pulse.lock");

/** Takes the folder's lock if nobody holds it; null when another process does. */
export function tryLockFolder(dataDir: string): FolderLock | null {
  const fd = openSync(folderLockPath(dataDir), "a+", 0o600);
  if (!tryLock(fd)) {
    closeSync(fd);
    return null;
  }
  ftruncateSync(fd, 0);
  writeSync(fd, `${process.pid}\n`);
  return { release: () => closeSync(fd) };
}

/** The PID the current owner wrote, for messages; undefined when unreadable. */
export function folderOwnerPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(folderLockPath(dataDir), "utf8"), 10);
    return Number.isNaN(pid) ? undefined : pid;
  } catch {
    return undefined;
  }
}
