/**
 * One owner per data folder. The first Pulse process to open PULSE_DATA_DIR
 * takes its lock and hosts it (folder-host.ts); every process, the owner
 * included, talks to it through postgres.js on the folder's socket, so two
 * imports, or `pulse serve` and `pulse import`, share one PGlite and every
 * write lands in it. When the owner exits, the next query of a remaining
 * process takes the folder over.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import postgres from "postgres";
import { DatabaseUnavailableError } from "../errors.js";
import { isDiskFull, withoutRowData } from "../query-failure.js";
import { type FolderHost, hostFolder } from "./folder-host.js";
import { folderLockPath, folderOwnerPid, tryLockFolder } from "./folder-lock.js";
import { diskFull, folderFsProblem } from "./folder-problem.js";
import { SHUTDOWN_CODE } from "./session-queue.js";

/** How long to wait for an owner that holds the lock but does not answer yet (it may be migrating). */
const OWNER_PATIENCE_MS = 30_000;

/** Unix socket paths are limited to ~100 bytes; a deep folder gets one in the temp folder, named by its path. */
export function folderSocketPath(dataDir: string): string {
  const inFolder = join(dataDir, "pulse.sock");
  if (process.platform === "win32") {
    return `\\\\?\\pipe\\pulse-${createHash("sha256").update(resolve(dataDir)).digest("hex").slice(0, 16)}`;
  }
  if (Buffer.byteLength(inFolder) <= 100) return inFolder;
  const id = createHash("sha256").update(resolve(dataDir)).digest("hex").slice(0, 16);
  return join(tmpdir(), `pulse-${id}.sock`);
}

const answers = (socketPath: string) =>
  new Promise<boolean>((done) => {
    const probe = connect(socketPath);
    probe.once("connect", () => {
      probe.destroy();
      done(true);
    });
    probe.once("error", () => done(false));
  });

export interface FolderAccess {
  readonly socketPath: string;
  /**
   * Makes sure someone serves the folder: this process if the lock is free,
   * else the owner, waited for while it starts. Returns this process's host, if it became the owner.
   */
  reach(): Promise<FolderHost | null>;
}

/** The folder made (owner-only: customers' data is in it) and its lock tried, or what is wrong with it. */
function lockOrSay(dataDir: string) {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    return tryLockFolder(dataDir);
  } catch (error) {
    throw folderFsProblem(dataDir, error) ?? error;
  }
}

export function folderAccess(dataDir: string): FolderAccess {
  const socketPath = folderSocketPath(dataDir);
  return {
    socketPath,
    async reach() {
      const deadline = Date.now() + OWNER_PATIENCE_MS;
      for (;;) {
        const lock = lockOrSay(dataDir);
        if (lock) return hostFolder(dataDir, socketPath, lock);
        if (await answers(socketPath)) return null;
        if (Date.now() > deadline) {
          const pid = folderOwnerPid(dataDir);
          throw new DatabaseUnavailableError(
            `PULSE_DATA_DIR ${dataDir} is held by process ${pid ?? "(unknown)"}, which does not answer on ${socketPath}; stop that process or point PULSE_DATA_DIR elsewhere`,
          );
        }
        await sleep(50);
      }
    },
  };
}

/**
 * Failures that mean nothing of the call ran: no connection could be made, or
 * the owner refused the batch as it stopped. The call can go to the next owner.
 */
const NOT_RUN = new Set(["ENOENT", "ECONNREFUSED", SHUTDOWN_CODE]);
/** How many owners in a row a call may find stopping before it gives up. */
const ATTEMPTS = 5;
/** Connection errors after the query left: whether it committed is unknown, so it is not repeated. */
const LOST = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "ECONNRESET",
  "EPIPE",
]);

const codeOf = (error: unknown) =>
  error instanceof Error ? String((error as { code?: unknown }).code ?? "") : "";

/** A postgres.js client on the folder's socket; `guard` wraps each call to take over from a vanished owner. */
export async function openFolderClient(dataDir: string): Promise<{
  client: postgres.Sql;
  guard: <T>(call: () => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}> {
  const access = folderAccess(dataDir);
  let host = await access.reach();
  const lockPath = folderLockPath(dataDir);
  // One connection: the folder is one session anyway. Unnamed statements
  // only, since every connection shares the session's prepared statements.
  const client = postgres({
    path: access.socketPath,
    max: 1,
    prepare: false,
    onnotice: () => {},
    connection: { application_name: "pulse" },
  });
  let reaching: Promise<void> | undefined;
  const reachAgain = () => {
    reaching ??= access
      .reach()
      .then((h) => {
        host = h ?? host;
      })
      .finally(() => {
        reaching = undefined;
      });
    return reaching;
  };
  return {
    client,
    guard: async (call) => {
      // A folder deleted under a running Pulse: PGlite would go on writing to files that are gone.
      if (!existsSync(lockPath))
        throw new DatabaseUnavailableError(
          `PULSE_DATA_DIR ${dataDir} was deleted while Pulse was running: nothing more is written or read; restore the folder from a backup (or let it be made anew) and restart Pulse`,
        );
      for (let attempt = 1; ; attempt++) {
        try {
          return await call();
        } catch (error) {
          if (isDiskFull(error)) throw diskFull(dataDir, withoutRowData(error));
          const code = codeOf(error);
          if (NOT_RUN.has(code) && attempt < ATTEMPTS) {
            await reachAgain();
            continue;
          }
          if (!LOST.has(code)) throw error;
          // Take the folder over for the calls to come; this one's fate is unknown.
          await reachAgain().catch(() => {});
          throw new DatabaseUnavailableError(
            `the Pulse process serving PULSE_DATA_DIR ${dataDir} stopped during this operation; what was committed is kept, this operation may not have been: run it again`,
            { cause: error },
          );
        }
      }
    },
    close: async () => {
      await client.end();
      await host?.close();
    },
  };
}
