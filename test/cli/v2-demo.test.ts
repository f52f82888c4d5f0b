/**
 * The `data: demo` examples of ../shared/spec/questions.v2.public.jsonl (and
 * the multilingual ones of questions.ml.public.jsonl) as
 * the contract checks them: `pulse ask --now D --json` on the demo business
 * (seeded by `pulse demo --no-chat` into a temporary folder). Filters are
 * compared as sets. Uses the compiled CLI (npm test builds first).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Filter } from "../../src/metrics/types.js";
import { specExamples } from "../support/shared-spec.js";

const bin = new URL("../../bin/pulse.js", import.meta.url).pathname;
// The multilingual examples (fi, fa, hy, ka, am) are on the demo business too: asked in the same run.
const v2 = specExamples("questions.v2.public.jsonl")?.filter((e) => e.data === "demo") ?? null;
const examples = v2 ? [...v2, ...(specExamples("questions.ml.public.jsonl") ?? [])] : null;

const run = (args: string[], dataDir: string, input?: string) =>
  spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, PULSE_DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn" },
    input,
    encoding: "utf8",
    timeout: 600_000,
  });

const asSets = (filters: Filter[]) =>
  filters
    .map((f) => ({ ...f, values: [...f.values].sort() }))
    .sort((a, b) => a.dimension.localeCompare(b.dimension));

describe.skipIf(examples === null)(
  examples ? "v2 examples on the demo business" : "v2 demo examples (skipped: ../shared is absent)",
  () => {
    it("every data: demo example, asked with pulse ask --json", () => {
      const dir = mkdtempSync(join(tmpdir(), "pulse-v2-demo-"));
      expect(run(["demo", "--no-chat"], dir).status).toBe(0);
      const [first] = examples!;
      const asked = run(
        ["ask", "--now", first!.now, "--json", "--no-chart"],
        dir,
        `${examples!.map((e) => e.q).join("\n")}\n`,
      );
      expect(asked.status).toBe(0);
      // One JSON object per question, printed over several lines each.
      const replies = asked.stdout
        .split(/\n(?=\{)/)
        .map((part) => JSON.parse(part) as Record<string, unknown>);
      expect(replies).toHaveLength(examples!.length);
      examples!.forEach((example, i) => {
        const got = replies[i]!;
        for (const [field, value] of Object.entries(example.expect)) {
          if (field === "filters")
            expect([example.q, field, asSets(got.filters as Filter[])]).toEqual([
              example.q,
              field,
              asSets(value as Filter[]),
            ]);
          else expect([example.q, field, got[field]]).toEqual([example.q, field, value]);
        }
      });
    }, 900_000);
  },
);
