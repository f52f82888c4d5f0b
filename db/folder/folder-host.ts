/**
 * The owner's side: the folder's PGlite, migrated, served over the Postgres
 * wire protocol on a unix socket so that every Pulse process (this one
 * included) reaches it the same way. pglite-socket's handler frames the
 * protocol; the SessionQueue gives each connection the single session in turn.
 */
import { chmodSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from "@electric-sql/pglite-socket";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { migrationsApplied } from "../migrations-applied.js";
import { migrationsFolder } from "../package-root.js";
import type { FolderLock } from "./folder-lock.js";
import { folderOpenProblem } from "./folder-problem.js";
import { privateFolder, privateOpenedFolder } from "./private-folder.js";
import { SessionQueue } from "./session-queue.js";

type Row = Record<string, unknown>;

export interface FolderHost {
  /**
   * Lets the transaction in progress finish, tells the other connections to
   * go to the next owner, closes them, the database and the socket, then frees the lock.
   */
  close(): Promise<void>;
}

/** Opens and serves the folder; the caller holds its lock, which `close` releases. */
export async function hostFolder(
  dataDir: string,
  socketPath: string,
  lock: FolderLock,
): Promise<FolderHost> {
  let db: PGlite | undefined;
  try {
    privateFolder(dataDir);
    db = new PGlite(dataDir);
    // Only the owner migrates, before anyone can connect.
    const opened = db;
    if (!(await migrationsApplied(async (text) => (await opened.query(text)).rows as Row[])))
      await migrate(drizzle(db), { migrationsFolder: migrationsFolder() });
    privateOpenedFolder(dataDir);
    const pglite = db;
    const queue = new SessionQueue(pglite);
    const handlers = new Set<PGLiteSocketHandler>();
    const server = createServer((socket) => {
      const handler = new PGLiteSocketHandler({
        // The handler's option is typed as the library's own (unexported) queue class.
        queryQueue: queue as unknown as PGLiteSocketHandlerOptions["queryQueue"],
        closeOnDetach: true,
      });
      handlers.add(handler);
      const forget = () => handlers.delete(handler);
      handler.addEventListener("close", forget);
      handler.addEventListener("error", forget);
      handler.attach(socket).catch(() => socket.destroy());
    });
    // A socket file left by a killed owner belongs to nobody: we hold the lock.
    rmSync(socketPath, { force: true });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socketPath, () => {
        server.off("error", reject);
        resolve();
      });
    });
    // No password on this socket: only the folder's user may connect.
    if (process.platform !== "win32") chmodSync(socketPath, 0o600);
    return {
      close: async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await queue.stop();
        await Promise.all([...handlers].map((h) => h.detach(true)));
        await closed;
        await pglite.close();
        rmSync(socketPath, { force: true });
        lock.release();
      },
    };
  } catch (error) {
    await db?.close().catch(() => {});
    lock.release();
    throw folderOpenProblem(dataDir, error);
  }
}
