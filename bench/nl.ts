/**
 * `npm run bench:nl`: how well questions are understood. Scores the parser on
 * the public examples (every checked field equal), lists the misses, and
 * measures the model load and the parse latency.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../db/package-root.js";
import { modelLoadMs } from "../src/questions/nlp.js";
import { parseQuestion } from "../src/questions/pipeline.js";
import { heading, ms, percentile, row } from "./stats.js";

export async function benchNl(): Promise<void> {
  const file = join(packageRoot(), "..", "shared", "spec", "questions.public.jsonl");
  const examples = readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { q: string; now: string; expect: Record<string, unknown> });
  heading("Question understanding (public examples)");
  const started = performance.now();
  parseQuestion("warm up", "2026-11-22");
  row(
    `model load + first parse: ${ms(performance.now() - started)} (wink model ${ms(modelLoadMs())})`,
  );
  let correct = 0;
  for (const { q, now, expect } of examples) {
    const got = parseQuestion(q, now) as unknown as Record<string, unknown>;
    const wrong = Object.entries(expect).filter(
      ([k, v]) => JSON.stringify(got[k]) !== JSON.stringify(v),
    );
    if (wrong.length === 0) correct++;
    else
      row(
        `  miss: ${q} -> ${wrong.map(([k, v]) => `${k} expected ${JSON.stringify(v)} got ${JSON.stringify(got[k])}`).join("; ")}`,
      );
  }
  row(`accuracy ${correct}/${examples.length}`);
  const samples: number[] = [];
  for (let round = 0; round < 200; round++) {
    for (const { q, now } of examples) {
      const t = performance.now();
      parseQuestion(q, now);
      samples.push(performance.now() - t);
    }
  }
  row(
    `parse latency over ${samples.length} parses: p50 ${ms(percentile(samples, 50))}, p95 ${ms(percentile(samples, 95))} (target p95 < 2 ms)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchNl();
