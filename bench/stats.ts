/** Small helpers every benchmark prints with. */

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times, and returns milliseconds per run. */
export async function timeRuns(
  fn: () => Promise<unknown>,
  runs: number,
  warmup = 3,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

export const ms = (value: number): string => `${value.toFixed(1)} ms`;

export function heading(title: string): void {
  process.stdout.write(`\n== ${title}\n`);
}

export function row(...cells: (string | number)[]): void {
  process.stdout.write(`${cells.map((c) => String(c)).join("  ")}\n`);
}
