import { existsSync, readFileSync } from "node:fs";
import { shared } from "./shared-data.js";

export interface SpecExample {
  q: string;
  now: string;
  data?: string;
  expect: Record<string, unknown>;
}

const specDir = new URL("spec/", shared);

/** The examples of a ../shared/spec/*.jsonl file, or null when ../shared is absent (the caller skips). */
export function specExamples(file: string): SpecExample[] | null {
  const url = new URL(file, specDir);
  if (!existsSync(url)) return null;
  return readFileSync(url, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as SpecExample);
}
