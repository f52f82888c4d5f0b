/** How the CLI prints: results on stdout, progress and problems on stderr. */
import { DatabaseUnavailableError, PulseError } from "../../src/errors.js";

export const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value)}\n`);
};

export const printLine = (text = ""): void => {
  process.stdout.write(`${text}\n`);
};

/**
 * A one-line progress bar on a terminal. Elsewhere (CI, pipes) silent, unless PULSE_PROGRESS=lines
 * asks for a plain line per step, for a log or a program that watches the work go.
 */
export function progressBar(label: string): {
  update(done: number, total: number, detail: string): void;
  end(): void;
} {
  const tty = process.stderr.isTTY;
  const lines = !tty && process.env.PULSE_PROGRESS === "lines";
  let last = 0;
  return {
    update(done, total, detail) {
      const now = Date.now();
      if (!(tty || lines) || now - last < 100) return;
      last = now;
      const share = total > 0 ? Math.min(1, done / total) : 0;
      const percent = `${(share * 100).toFixed(0)}%`;
      if (lines) {
        process.stderr.write(`${label} ${percent} ${detail}\n`);
        return;
      }
      const width = 30;
      const filled = Math.round(share * width);
      process.stderr.write(
        `\r${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${percent} ${detail}   `,
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
