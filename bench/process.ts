import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Runs a compiled benchmark file of this folder in a new Node process and waits for its zero exit. */
export const inFreshProcess = (file: string): Promise<void> =>
  new Promise((resolve, reject) =>
    spawn(process.execPath, [fileURLToPath(new URL(file, import.meta.url))], {
      stdio: "inherit",
    }).once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`bench/${file} exited with ${code}`)),
    ),
  );
