/**
 * A Pulse that cannot start says why, naming the variable to fix, without a
 * stack trace, and exits non-zero. Real `pulse` processes (npm test builds first).
 */
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startFakeSlack } from "../fakes/slack-api.js";
import { startFakeTelegram } from "../fakes/telegram-api.js";
import { testDatabaseUrl } from "../support/databases.js";
import { freshDir, hasNoStack, runPulse } from "../support/pulse-process.js";
import { freePort } from "../support/slack-requests.js";

const pulse = runPulse;
const query = ["query", "revenue", "--from", "2026-01-01", "--to", "2026-02-01"];
const noStack = (stderr: string) => expect(hasNoStack(stderr), stderr).toBe(true);

async function busyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return { port: address.port, server };
}

describe("start-up failures", { timeout: 180_000 }, () => {
  it("a DATABASE_URL where nothing listens names DATABASE_URL and the refused address", async () => {
    const run = await pulse(query, { DATABASE_URL: "postgres://postgres@127.0.0.1:1/pulse" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/DATABASE_URL: nothing answers at 127\.0\.0\.1:1/);
    noStack(run.stderr);
  });

  it("a DATABASE_URL with a bad percent escape says which part, never the password", async () => {
    const run = await pulse(query, {
      DATABASE_URL: "postgres://pulse:s3cr%zzet@127.0.0.1:5432/pulse",
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      "pulse: DATABASE_URL: the password has a bad percent escape (a % not followed by two hex digits); write a literal % as %25",
    );
  });

  it("a DATABASE_URL whose address never answers gives up after a few seconds, naming DATABASE_URL", async () => {
    // A server that takes connections and never says a word: Postgres's handshake never completes.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    try {
      const run = await pulse(query, {
        DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/pulse`,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(`DATABASE_URL: 127.0.0.1:${port} does not answer`);
      noStack(run.stderr);
    } finally {
      silent.close();
    }
  });

  it("a DATABASE_URL to an address where packets vanish gives up after a few seconds, naming DATABASE_URL", async () => {
    // 10.255.255.1 is routed nowhere: the connection neither opens nor fails (or fails at once, by network).
    const run = await pulse(query, { DATABASE_URL: "postgres://postgres@10.255.255.1:5432/pulse" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/DATABASE_URL: 10\.255\.255\.1:5432 does not answer/);
    noStack(run.stderr);
  });

  it.skipIf(!testDatabaseUrl)(
    "a DATABASE_URL with sslmode=require to a server without TLS names DATABASE_URL and sslmode",
    async () => {
      const url = new URL(testDatabaseUrl ?? "");
      url.searchParams.set("sslmode", "require");
      const run = await pulse(query, { DATABASE_URL: url.toString() });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /DATABASE_URL: .* did not take a TLS connection \(sslmode=require/,
      );
      noStack(run.stderr);
    },
  );

  it.skipIf(!testDatabaseUrl)(
    "a DATABASE_URL with an unknown role names DATABASE_URL and the user",
    async () => {
      const url = new URL(testDatabaseUrl ?? "");
      url.username = "pulse_no_such_role";
      const run = await pulse(query, { DATABASE_URL: url.toString() });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/DATABASE_URL: Postgres at .* refused user "pulse_no_such_role"/);
      noStack(run.stderr);
    },
  );

  it.skipIf(!testDatabaseUrl)(
    "a DATABASE_URL naming a missing database says how to create it",
    async () => {
      const url = new URL(testDatabaseUrl ?? "");
      url.pathname = "/pulse_no_such_database";
      const run = await pulse(query, { DATABASE_URL: url.toString() });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /DATABASE_URL: database "pulse_no_such_database" does not exist .*\(createdb pulse_no_such_database\)/,
      );
      noStack(run.stderr);
    },
  );

  it("serve with PORT taken by another program names PORT before any adapter starts", async () => {
    const { port, server } = await busyPort();
    try {
      const run = await pulse(["serve"], {
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_SIGNING_SECRET: "secret",
        PORT: String(port),
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(`PORT (Slack events): port ${port} is in use by another program`);
      noStack(run.stderr);
    } finally {
      server.close();
    }
  });

  it("serve with PULSE_INGEST_PORT taken names PULSE_INGEST_PORT", async () => {
    const { port, server } = await busyPort();
    try {
      const run = await pulse(["serve"], {
        TELEGRAM_BOT_TOKEN: "123:test",
        TELEGRAM_API_ROOT: "http://127.0.0.1:1",
        PULSE_INGEST_PORT: String(port),
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(`PULSE_INGEST_PORT: port ${port} is in use by another program`);
      noStack(run.stderr);
    } finally {
      server.close();
    }
  });

  it("serve with the Telegram API unreachable gives up after a few tries, naming TELEGRAM_API_ROOT", async () => {
    const run = await pulse(["serve"], {
      TELEGRAM_BOT_TOKEN: "123:test",
      TELEGRAM_API_ROOT: "http://127.0.0.1:1",
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /Telegram API at http:\/\/127\.0\.0\.1:1 unreachable after 4 tries .*TELEGRAM_API_ROOT/,
    );
    noStack(run.stderr);
  });

  it("serve whose webhook Telegram refuses exits 1 with Telegram's reason, stopping Slack that had started", async () => {
    const [slack, telegram] = await Promise.all([startFakeSlack(), startFakeTelegram("123:test")]);
    telegram.fail({
      match: (c) => c.method === "setWebhook",
      errorCode: 400,
      description: "Bad Request: bad webhook: Failed to resolve host: Name or service not known",
    });
    try {
      const run = await pulse(["serve"], {
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_SIGNING_SECRET: "secret",
        SLACK_API_URL: slack.apiUrl,
        PORT: String(await freePort()),
        PULSE_INGEST_PORT: String(await freePort()),
        TELEGRAM_BOT_TOKEN: "123:test",
        TELEGRAM_API_ROOT: telegram.apiRoot,
        TELEGRAM_WEBHOOK_URL: "https://pulse.invalid/telegram",
        TELEGRAM_WEBHOOK_SECRET: "secret",
        TELEGRAM_WEBHOOK_PORT: String(await freePort()),
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /TELEGRAM_WEBHOOK_URL: Telegram refused the webhook .*bad webhook: Failed to resolve host/,
      );
      noStack(run.stderr);
    } finally {
      await Promise.all([slack.close(), telegram.close()]);
    }
  });

  it("reads .env in the working directory, and a variable already set wins over it", async () => {
    const cwd = freshDir();
    writeFileSync(join(cwd, ".env"), "LOG_LEVEL=loud\n");
    const fromFile = await pulse(query, {}, cwd);
    expect(fromFile.code).toBe(1);
    expect(fromFile.stderr).toMatch(/LOG_LEVEL: expected/);
    const fromEnvironment = await pulse(query, { LOG_LEVEL: "warn" }, cwd);
    expect(fromEnvironment.stderr).toBe("");
    expect(fromEnvironment.code).toBe(0);
  });
});
