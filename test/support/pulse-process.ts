/** A real `pulse` process (the compiled CLI: npm test builds first), run to the end. */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const bin = new URL("../../bin/pulse.js", import.meta.url).pathname;

export const freshDir = () => mkdtempSync(join(tmpdir(), "pulse-start-"));

export interface PulseRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `pulse args` in `cwd` with exactly `env` (plus PATH; PULSE_DATA_DIR is cwd/.pulse unless given). */
export function runPulse(
  args: string[],
  env: Record<string, string>,
  cwd = freshDir(),
): Promise<PulseRun> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? "", PULSE_DATA_DIR: join(cwd, ".pulse"), ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

/** What a known problem looks like to a user: lines of words, no stack trace. */
export const hasNoStack = (stderr: string) => !/\n\s+at /.test(stderr);
