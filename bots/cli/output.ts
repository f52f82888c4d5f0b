/** How the CLI prints: results on stdout, progress and problems on stderr. */
import { DatabaseUnavailableError, PulseError } from "../../src/errors.js";

export const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value)}\n`);
};

export const printLine = (text = ""): void => {
  process.stdout.write(`${text}\n`);
};

/** A one-line progress bar on a terminal; silent when stderr is not one (CI, pipes). */
export function progressBar(label: string): {
  update(done: number, total: number, detail: string): void;
  end(): void;
} {
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    update(done, total, detail) {
      const now = Date.now();
      if (!tty || now - last < 100) return;
      last = now;
      const share = total > 0 ? Math.min(1, done / total) : 0;
      const width = 30;
      const filled = Math.round(share * width);
      process.stderr.write(
        `\r${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${(share * 100).toFixed(0)}% ${detail}   `,
      );
    },
    end() {
      if (tty) process.stderr.write("\r\x1b[K");
    },
  };
}

/** Turns a failure into a message and an exit code: known problems briefly, anything else with its stack for a bug report. */
export function reportFailure(error: unknown): number {
  if (error instanceof PulseError || error instanceof DatabaseUnavailableError) {
    process.stderr.write(`pulse: ${error.message}\n`);
    return 1;
  }
  process.stderr.write(
    `pulse: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 70;
}
