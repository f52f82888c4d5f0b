/**
 * The `pulse` command as a user runs it: a real process on an embedded
 * database in a temporary folder. Uses the compiled CLI (npm test builds first).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { shopDir } from "../support/shop.js";

const bin = new URL("../../bin/pulse.js", import.meta.url).pathname;

function pulse(args: string[], dataDir: string, input?: string) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, PULSE_DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn" },
    input,
    encoding: "utf8",
    // Generous: on a loaded machine, opening a folder whose owner was killed replays its log first.
    timeout: 300_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const freshDir = () => mkdtempSync(join(tmpdir(), "pulse-cli-"));

describe("pulse CLI", () => {
  it("imports a folder and answers a structured query as the contract's JSON", () => {
    const dir = freshDir();
    const imported = pulse(["import", "--dir", shopDir], dir);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(
      /orders: 6 rows in [\d.]+ s — 6 inserted, 0 updated, 0 unchanged, 0 rejected/,
    );
    const query = pulse(
      [
        "query",
        "churn_rate",
        "--from",
        "2026-10-01",
        "--to",
        "2026-11-01",
        "--compare",
        "previous_period",
        "--json",
      ],
      dir,
    );
    expect(query.code).toBe(0);
    expect(JSON.parse(query.stdout)).toEqual({
      metric: "churn_rate",
      from: "2026-10-01",
      to: "2026-11-01",
      groupBy: null,
      grain: null,
      compare: "previous_period",
      answer: { value: 75, unit: "percent", previous: 0 },
    });
  });

  it("filters a structured query with --where, several combined with AND", () => {
    const dir = freshDir();
    expect(pulse(["import", "--dir", shopDir], dir).code).toBe(0);
    const range = ["--from", "2026-10-01", "--to", "2026-11-01", "--json"];
    // October orders of Finnish customers (c1, c2) outside shoes: o2, 50.50.
    const query = pulse(
      ["query", "revenue", ...range, "--where", "country=FI", "--where", "category!=shoes"],
      dir,
    );
    expect(query.code).toBe(0);
    expect(JSON.parse(query.stdout).answer.value).toBe(50.5);
    const bad = pulse(["query", "revenue", ...range, "--where", "plan"], dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("--where takes dimension=value");
  });

  it("refuses a series of millions of days at once, naming the limit, with exit code 1", () => {
    const args = ["query", "revenue", "--from", "1900-01-01", "--to", "9999-12-31"];
    const query = pulse([...args, "--grain", "day"], freshDir());
    expect(query.code).toBe(1);
    expect(query.stderr).toBe(
      "pulse: By day, this range has 2,958,463 periods; a series has at most 400. Ask for a shorter range.\n",
    );
  });

  it("rejects a bad file with file:line: column: problem and exit code 1", () => {
    const dir = freshDir();
    const file = join(dir, "orders.csv");
    writeFileSync(file, "id,customer_id,ordered_at,amount\no1,nobody,2026-10-01,5\n");
    const result = pulse(["import", "orders", file], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('orders.csv:2: customer_id: unknown customer "nobody"');
  });

  describe("a file that is not CSV as expected is one line on stderr and exit code 1, never a stack trace", () => {
    const importing = (name: string, bytes: string | Uint8Array, ...flags: string[]) => {
      const dir = freshDir();
      const file = join(dir, name);
      writeFileSync(file, bytes);
      return pulse(["import", "orders", file, ...flags], dir);
    };
    const oneLine = (result: ReturnType<typeof pulse>, text: string) => {
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`pulse: ${text}\n`);
    };

    it("a stray quote", () =>
      oneLine(
        importing(
          "orders.csv",
          'id,customer_id,ordered_at,amount,category\nq1,c1,2025-01-01,10,5" screen\n',
        ),
        'orders.csv:2: a quote (") inside field 5 (category), which does not start with one: quote the whole field and double the quote inside it, like "5"" screen"',
      ));
    it("a binary file", () =>
      oneLine(
        importing(
          "orders.png",
          Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
        ),
        "orders.png:1: this is binary data, not CSV text: export or save the data as CSV first",
      ));
    it("text in an encoding that cannot be told", () =>
      oneLine(
        importing(
          "orders.csv",
          Buffer.from(
            "id,customer_id,ordered_at,amount,category\nq1,c1,2025-01-01,10,\xcf\xf0\xee\xe4\xe0\xe6\xe8\n",
            "latin1",
          ),
        ),
        "orders.csv:2: the file is not UTF-8 and does not read as Windows-1252 (Latin-1) either: give its encoding with --encoding, for example --encoding cp1251",
      ));
    it("an unknown --encoding", () =>
      oneLine(
        importing("orders.csv", "id\n", "--encoding", "klingon"),
        'unknown --encoding "klingon": use utf-8, utf-16le, utf-16be, windows-1252, latin1 or another code page such as cp1251',
      ));
  });

  it("says how it read a Windows-1252, semicolon-separated file", () => {
    const dir = freshDir();
    const file = join(dir, "customers.csv");
    writeFileSync(file, Buffer.from("id;name;signup_at\nk1;Jürgen Müller;2026-01-05\n", "latin1"));
    const result = pulse(["import", "customers", file], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "1 inserted, 0 updated, 0 unchanged, 0 rejected [read as Windows-1252 (Latin-1) because it is not valid UTF-8 (--encoding to choose); semicolon-separated]",
    );
    expect(result.stderr).toContain(
      "warning: no customer has churned_at and no inactivity window is set: churn will read 0%",
    );
  });

  it("parses one question per stdin line into one JSON per line, without a database", () => {
    const result = pulse(
      ["parse", "--now", "2026-11-22"],
      freshDir(),
      "what was churn last month?\nrevenue by month this year\n",
    );
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.intent, l.metric, l.from, l.to, l.grain])).toEqual([
      ["metric", "churn_rate", "2026-10-01", "2026-11-01", null],
      ["metric", "revenue", "2026-01-01", "2026-11-23", "month"],
    ]);
  });

  it("parses alert wording into the request of alerts.md, beside questions", () => {
    const result = pulse(
      ["parse", "--now", "2026-11-22", "--timezone", "Europe/Helsinki"],
      freshDir(),
      "ping me if churn goes over 5%\npause the revenue digest until monday\nrevenue last month\n",
    );
    const [alert, pause, question] = result.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(alert).toMatchObject({
      intent: "alert",
      action: "create",
      target: null,
      until: null,
      channel: null,
      rule: { kind: "threshold", op: "above", value: 5, query: { metric: "churn_rate" } },
    });
    expect(pause).toMatchObject({
      action: "pause",
      target: { words: "revenue" },
      until: "2026-11-23T00:00:00+02:00",
    });
    expect(question).toMatchObject({ intent: "metric", metric: "revenue" });
  });

  it("asks a question and prints the interpretation with the answer, text and chart path", () => {
    const dir = freshDir();
    pulse(["import", "--dir", shopDir], dir);
    const result = pulse(
      ["ask", "--now", "2026-11-22", "--json", "what was churn last month?"],
      dir,
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({
      intent: "metric",
      metric: "churn_rate",
      from: "2026-10-01",
      to: "2026-11-01",
      answer: { value: 75, unit: "percent" },
    });
    expect(json.text).toContain("Churn rate in October 2026: 75.0%");
    expect(json.chart).toMatch(/\.png$/);
  });

  it("each pulse ask stands alone: a later run is no follow-up of an earlier one", () => {
    const dir = freshDir();
    pulse(["import", "--dir", shopDir], dir);
    const ask = (q: string) =>
      JSON.parse(pulse(["ask", "--now", "2026-11-22", "--json", "--no-chart", q], dir).stdout);
    expect(ask("revenue for the pro plan last month").filters).toEqual([
      { dimension: "plan", op: "in", values: ["pro"] },
    ]);
    // Read as a follow-up, this would be pro revenue in Finland.
    const next = ask("only in Finland");
    expect(next.intent).toBe("unknown");
    expect(next.filters).toEqual([]);
  }, 300_000);

  it("prints an insight question as intent insight, not as the metric its words resemble", () => {
    const dir = freshDir();
    pulse(["import", "--dir", shopDir], dir);
    const result = pulse(
      ["ask", "--now", "2026-11-22", "--json", "--no-chart", "which channels are profitable?"],
      dir,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      intent: "insight",
      insight: "profitability",
      metric: null,
      groupBy: "channel",
      answer: null,
    });
  });

  it("a killed import leaves the database as it was", async () => {
    const dir = freshDir();
    pulse(["import", "customers", join(shopDir, "customers.csv")], dir);
    const big = join(dir, "big.csv");
    const rows = ["id,customer_id,ordered_at,amount"];
    for (let i = 0; i < 300_000; i++) rows.push(`k${i},c1,2026-10-02,1`);
    writeFileSync(big, `${rows.join("\n")}\n`);
    const child: ChildProcess = spawn(process.execPath, [bin, "import", "orders", big], {
      env: { ...process.env, PULSE_DATA_DIR: dir, DATABASE_URL: "", PULSE_PROGRESS: "lines" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once("exit", (_code, signal) => resolve(signal)),
    );
    // Killed once the import says it has written its first batch, far from the 300,000th row.
    const lines = createInterface({ input: child.stderr! });
    for await (const line of lines) if (/^importing \d+% [1-9][\d,]* rows/.test(line)) break;
    lines.close();
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const after = pulse(
      ["query", "orders", "--from", "2026-01-01", "--to", "2027-01-01", "--json"],
      dir,
    );
    // The folder opens after its owner was killed mid-import, and none of the import is in it.
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout).answer.value).toBe(0);
  }, 600_000);

  it("scores a text's sentiment and names its language as JSON", () => {
    const result = pulse(["sentiment", "--json", "Toimitus myöhästyi taas"], freshDir());
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toEqual({ score: expect.any(Number), language: "fi" });
    expect(json.score).toBeLessThan(0);
  });

  it("scores one text per stdin line, one JSON object per line, in the language asked for", () => {
    const result = pulse(["sentiment", "--json", "--lang", "pt"], freshDir(), "ótimo\nruim\n");
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.language, Math.sign(l.score)])).toEqual([
      ["pt", 1],
      ["pt", -1],
    ]);
  });

  it("ends quietly when the reader of its output stops early (pulse ... | head)", async () => {
    const child = spawn(process.execPath, [bin, "sentiment", "--json"], {
      env: { ...process.env, PULSE_DATA_DIR: freshDir(), DATABASE_URL: "", LOG_LEVEL: "warn" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (chunk) => {
      stderr += chunk;
    });
    const first = new Promise((resolve) => child.stdout!.once("data", resolve));
    child.stdin!.write("great\n");
    await first;
    // The reader goes away, as head does after its lines; the next answer finds the pipe closed.
    child.stdout!.destroy();
    child.stdin!.write("bad\n".repeat(2000));
    child.stdin!.end();
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(stderr).not.toContain("EPIPE");
    expect(code).toBe(0);
  });

  it("refuses a language it has no lexicon for, naming the ones it has", () => {
    const result = pulse(["sentiment", "--lang", "xx", "hello"], freshDir());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/"xx".*en, fi, pt, fa, hy, ka, am/);
  });
});
