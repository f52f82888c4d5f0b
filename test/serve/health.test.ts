/**
 * `pulse serve` as an operator runs it: a real process answering GET
 * /healthz, /readyz and /metrics on PORT, with no chat token at all, and
 * turning not ready when its database goes away (npm test builds first).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openFreshPostgres, testDatabaseUrl } from "../support/databases.js";
import { runPulse } from "../support/pulse-process.js";
import { freePort } from "../support/slack-requests.js";

const bin = new URL("../../bin/pulse.js", import.meta.url).pathname;
const metricsToken = "metrics-token-for-the-test";

interface Served {
  port: number;
  output: () => string;
  /** Resolves once the process has logged `text` (its log may come after its HTTP answer). */
  logged(text: string): Promise<void>;
  get(path: string, token?: string): Promise<{ status: number; body: string }>;
  /** Polls `path` until `accept` holds: the process says when it is there. */
  until(path: string, accept: (status: number, body: string) => boolean): Promise<string>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill("SIGKILL");
});

async function servePulse(env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, "serve"], {
    env: { PATH: process.env.PATH ?? "", PORT: String(port), LOG_FORMAT: "json", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  running.push(child);
  let out = "";
  const waiting: { text: string; resolve: () => void }[] = [];
  child.stderr?.on("data", (d) => {
    out += d;
    for (const w of waiting.filter((w) => out.includes(w.text))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  });
  const get = async (path: string, token?: string) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, body: await res.text() };
  };
  return {
    port,
    output: () => out,
    logged: (text) =>
      out.includes(text)
        ? Promise.resolve()
        : new Promise((resolve) => waiting.push({ text, resolve })),
    get,
    async until(path, accept) {
      const deadline = Date.now() + 120_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`pulse serve exited:\n${out}`);
        const answer = await get(path).catch(() => null);
        if (answer && accept(answer.status, answer.body)) return answer.body;
        if (Date.now() > deadline) throw new Error(`${path} never answered as expected:\n${out}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
  };
}

/** A TCP proxy to Postgres the test can cut: the database "goes away" for Pulse alone. */
async function cuttableProxy(target: URL): Promise<{ url: string; cut(): void }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(target);
  url.host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: url.toString(),
    cut() {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
}

describe("pulse serve as a service", { timeout: 180_000 }, () => {
  it("with no chat token runs the alert scheduler and ingest, says so, and is ready", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pulse-ops-"));
    const served = await servePulse({
      PULSE_DATA_DIR: join(dir, ".pulse"),
      PULSE_INGEST_PORT: String(await freePort()),
    });
    const body = JSON.parse(await served.until("/readyz", (status) => status === 200));
    expect(body.status).toBe("ready");
    expect(Object.keys(body.checks).sort()).toEqual(["alerts", "database", "ingest", "migrations"]);
    expect(body.checks.alerts.ok).toBe(true);
    expect(served.output()).toContain("no chat platform configured");
    const health = await served.get("/healthz");
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: "up" });
  });

  it("refuses ingest with 503, loudly, once its data folder is deleted under it", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "pulse-ops-")), ".pulse");
    const made = await runPulse(["alert", "token", "--label", "shop"], { PULSE_DATA_DIR: dataDir });
    const token = made.stdout.trim();
    const ingestPort = await freePort();
    const served = await servePulse({
      PULSE_DATA_DIR: dataDir,
      PULSE_INGEST_PORT: String(ingestPort),
    });
    await served.until("/readyz", (status) => status === 200);
    const post = (id: string) =>
      fetch(`http://127.0.0.1:${ingestPort}/ingest/customers`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify([{ id, signup_at: "2026-01-05" }]),
      });
    expect((await post("c1")).status).toBe(200);
    rmSync(dataDir, { recursive: true, force: true });
    const refused = await post("c2");
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: string }).error).toContain(
      `nothing was imported: PULSE_DATA_DIR ${dataDir} was deleted while Pulse was running`,
    );
    await served.logged("was deleted while Pulse was running");
    expect(served.output()).toContain("was deleted while Pulse was running");
  });

  it("keeps /metrics off without PULSE_METRICS_TOKEN and behind it when set", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pulse-ops-"));
    const [off, on] = await Promise.all([
      servePulse({ PULSE_DATA_DIR: join(dir, "a") }),
      servePulse({ PULSE_DATA_DIR: join(dir, "b"), PULSE_METRICS_TOKEN: metricsToken }),
    ]);
    await Promise.all([off, on].map((s) => s.until("/healthz", (status) => status === 200)));
    const refused = await off.get("/metrics");
    expect(refused.status).toBe(404);
    expect(refused.body).toContain("PULSE_METRICS_TOKEN");
    expect((await on.get("/metrics")).status).toBe(401);
    expect((await on.get("/metrics", "wrong-token-of-same-size!!")).status).toBe(401);
    const page = await on.get("/metrics", metricsToken);
    expect(page.status).toBe(200);
    expect(page.body).toContain("pulse_database_up 1");
  });

  it.skipIf(!testDatabaseUrl)(
    "turns /readyz to 503 naming the database when Postgres goes away, while /healthz stays up",
    async () => {
      const db = await openFreshPostgres(testDatabaseUrl!);
      const proxy = await cuttableProxy(new URL(db.url));
      try {
        const served = await servePulse({ DATABASE_URL: proxy.url });
        await served.until("/readyz", (status) => status === 200);
        proxy.cut();
        const body = JSON.parse(await served.until("/readyz", (status) => status === 503));
        expect(body.checks.database.ok).toBe(false);
        expect((await served.get("/healthz")).status).toBe(200);
      } finally {
        proxy.cut();
        await db.close();
      }
    },
  );
});
