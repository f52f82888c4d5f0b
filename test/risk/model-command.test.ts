/** `pulse model train` and `pulse model risk`, run in-process on an embedded database in a temporary folder. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { buildProgram } from "../../bots/cli/main.js";
import { openDatabase } from "../../db/client.js";
import { loadPlanted, plantedNow, plantedWorkspace } from "../support/planted-churn.js";

const dataDir = mkdtempSync(join(tmpdir(), "pulse-model-"));
const now = ["--now", plantedNow.toISOString().slice(0, 10)];
const env = { PULSE_DATA_DIR: dataDir, PULSE_WORKSPACE: plantedWorkspace, LOG_LEVEL: "warn" };

async function run(...args: string[]): Promise<string> {
  const out: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  const argv = ["node", "pulse", ...args];
  await (await buildProgram(env, argv)).parseAsync(argv);
  return out.join("");
}

describe("pulse model", () => {
  beforeAll(async () => {
    const db = await openDatabase({ mode: "embedded", dataDir });
    await loadPlanted(db);
    await db.close();
  }, 60_000);
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("refuses to list risks before a model is trained, saying how to train one", async () => {
    await expect(run("model", "risk", ...now)).rejects.toThrow("run `pulse model train`");
  });

  it("train prints the holdout AUC and the strongest coefficients", async () => {
    const out = await run("model", "train", ...now);
    expect(out).toMatch(/trained on \d+ customer snapshots, tested on \d+ after \d{4}-\d{2}-\d{2}/);
    expect(out).toMatch(/holdout ROC AUC: 0\.\d{3}/);
    expect(out).toMatch(/\n {2}\S+ +[+-]\d\.\d{3}\n/);
  }, 60_000);

  it("risk lists the riskiest customers with their probability and reasons", async () => {
    const out = await run("model", "risk", "--top", "3", ...now);
    const lines = out.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^F\d{4} Customer F\d{4}: \d+% \(.+\)$/);
  }, 60_000);
});
