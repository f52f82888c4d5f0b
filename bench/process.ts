import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Waits for a child process to end; fails, naming `what`, unless it exits with 0. */
export const exitedCleanly = (child: ChildProcess, what: string): Promise<void> =>
  new Promise((resolve, reject) =>
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${what} exited with ${code}`)),
    ),
  );

/** Runs a compiled benchmark file of this folder in a new Node process and waits for its zero exit. */
export const inFreshProcess = (file: string): Promise<void> =>
  exitedCleanly(
    spawn(process.execPath, [fileURLToPath(new URL(file, import.meta.url))], { stdio: "inherit" }),
    `bench/${file}`,
  );
