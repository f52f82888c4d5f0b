/** POST /ingest/{table} over HTTP: tokens, limits, validation with line numbers, replays, and event alerts it triggers. */
import { networkInterfaces } from "node:os";
import { sql } from "drizzle-orm";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestStarter } from "../../bots/alerts/start.js";
import { type IngestServer, startIngestServer } from "../../bots/ingest/server.js";
import type { Database } from "../../db/client.js";
import type { Scheduler } from "../../src/alerts/scheduler.js";
import { createIngestToken } from "../../src/ingest/tokens.js";
import type { Pulse } from "../../src/pulse.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-api.js";
import { alertPosts, alertPulse, say, schedulerOf } from "../support/alert-harness.js";
import { drivers } from "../support/databases.js";
import { freePort } from "../support/slack-requests.js";

describe.each(drivers)("ingest on $name", (driver) => {
  let slack: FakeSlack;
  let db: Database;
  let pulse: Pulse;
  let server: IngestServer;
  let token: string;
  let scheduler: Scheduler;

  beforeAll(async () => {
    slack = await startFakeSlack();
    db = await driver.open();
    pulse = await alertPulse(db, slack, "2026-11-23T10:00:00Z");
    server = await startIngestServer(pulse, { port: 0, maxBytes: 4000 });
    token = await createIngestToken(db, "shop", "test shop");
    scheduler = schedulerOf(pulse, { intervalMs: 50 });
  });
  afterAll(async () => {
    await scheduler.stop();
    await server.close();
    await db.close();
    await slack.close();
  });

  const post = (
    table: string,
    body: string | Uint8Array,
    type = "application/json",
    auth: string | null = `Bearer ${token}`,
  ) =>
    fetch(`http://127.0.0.1:${server.port}/ingest/${table}`, {
      method: "POST",
      headers: { "content-type": type, ...(auth ? { authorization: auth } : {}) },
      body,
    });

  const customers = JSON.stringify([
    { id: "c1", signup_at: "2026-01-05", plan: "pro", channel: "ads" },
    { id: "c2", signup_at: "2026-02-10", plan: "enterprise", channel: "seo" },
  ]);

  it("refuses a request without a valid token with 401", async () => {
    expect((await post("customers", customers, "application/json", null)).status).toBe(401);
    expect((await post("customers", customers, "application/json", "Bearer nope")).status).toBe(
      401,
    );
    const forged = `${token.slice(0, -4)}AAAA`;
    expect(
      (await post("customers", customers, "application/json", `Bearer ${forged}`)).status,
    ).toBe(401);
  });

  it("refuses a body over the size limit with 413", async () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({
      id: `x${i}`,
      signup_at: "2026-01-01",
      name: "a long enough name",
    }));
    const response = await post("customers", JSON.stringify(rows));
    expect(response.status).toBe(413);
  });

  it("imports JSON rows, and a replay writes nothing new", async () => {
    const first = await post("customers", customers);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ rows: 2, inserted: 2 });
    const again = await post("customers", customers);
    expect(await again.json()).toMatchObject({ rows: 2, inserted: 0, updated: 0, unchanged: 2 });
    const [count] = await db.rows<{ n: number }>(
      sql`select count(*)::int as n from customers where workspace_id = 'shop'`,
    );
    expect(count!.n).toBe(2);
  });

  it("rejects invalid rows with 400 naming each row (JSON) or line (CSV), writing nothing", async () => {
    const json = await post(
      "orders",
      JSON.stringify([
        { id: "o1", customer_id: "c1", ordered_at: "2026-11-20T10:00:00Z", amount: 10 },
        { id: "o2", customer_id: "c1", ordered_at: "2026-11-20T10:00:00Z", amount: "ten" },
        { id: "o3", customer_id: "nobody", ordered_at: "2026-11-20T10:00:00Z", amount: 5 },
      ]),
    );
    expect(json.status).toBe(400);
    const body = (await json.json()) as { problems: { row: number; column: string }[] };
    expect(body.problems.map((p) => [p.row, p.column])).toEqual([
      [2, "amount"],
      [3, "customer_id"],
    ]);
    const csv = await post(
      "orders",
      "id,customer_id,ordered_at,amount\no1,c1,2026-11-20T10:00:00Z,10\no2,c1,not a date,10\n",
      "text/csv",
    );
    expect(csv.status).toBe(400);
    expect(
      ((await csv.json()) as { problems: { line: number; column: string }[] }).problems,
    ).toMatchObject([{ line: 3, column: "ordered_at" }]);
    const [count] = await db.rows<{ n: number }>(
      sql`select count(*)::int as n from orders where workspace_id = 'shop'`,
    );
    expect(count!.n).toBe(0);
  });

  describe("CSV as real exports write it", () => {
    const problems = async (response: Response) =>
      ((await response.json()) as { problems: { line: number; problem: string }[] }).problems;
    const ordersIn = async () =>
      Number(
        (
          await db.rows<{ n: number }>(
            sql`select count(*)::int as n from orders where workspace_id = 'shop'`,
          )
        )[0]!.n,
      );

    it("a stray quote is 400 with its line, every time, and the server keeps serving", async () => {
      const before = await ordersIn();
      const bad = 'id,customer_id,ordered_at,amount,category\nq1,c1,2025-01-01,10,5" screen\n';
      for (let i = 0; i < 4; i++) {
        const response = await post("orders", bad, "text/csv");
        expect(response.status).toBe(400);
        expect(await problems(response)).toEqual([
          {
            line: 2,
            problem:
              'a quote (") inside field 5 (category), which does not start with one: quote the whole field and double the quote inside it, like "5"" screen"',
          },
        ]);
      }
      const good = await post(
        "orders",
        'id,customer_id,ordered_at,amount,category\nq1,c1,2025-01-01,10,"5"" screen"\n',
        "text/csv",
      );
      expect(good.status).toBe(200);
      expect(await ordersIn()).toBe(before + 1);
    });

    it("a binary body is 400 in one line", async () => {
      const response = await post(
        "orders",
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]),
        "text/csv",
      );
      expect(response.status).toBe(400);
      expect(await problems(response)).toEqual([
        {
          line: 1,
          problem: "this is binary data, not CSV text: export or save the data as CSV first",
        },
      ]);
    });

    it("a header problem is on line 1", async () => {
      const response = await post("orders", "id,customer_id,amount\nz1,c1,5\n", "text/csv");
      expect(response.status).toBe(400);
      expect(await problems(response)).toMatchObject([{ line: 1, column: "ordered_at" }]);
    });

    it("reads Windows-1252 and semicolons, or the charset the request names", async () => {
      const latin1 = Buffer.from("id;name;signup_at\nl1;Jürgen Müller;2026-01-05\n", "latin1");
      expect((await post("customers", latin1, "text/csv")).status).toBe(200);
      const cyrillic = iconv.encode("id,name,signup_at\nl2,Иван Петров,2026-01-05\n", "cp1251");
      expect((await post("customers", cyrillic, "text/csv")).status).toBe(400);
      expect((await post("customers", cyrillic, "text/csv; charset=windows-1251")).status).toBe(
        200,
      );
      const names = await db.rows<{ name: string }>(
        sql`select name from customers where workspace_id = 'shop' and id in ('l1', 'l2') order by id`,
      );
      expect(names.map((r) => r.name)).toEqual(["Jürgen Müller", "Иван Петров"]);
    });
  });

  it("posts an event alert at the chat when a matching order is ingested, once even when replayed", async () => {
    await say(pulse, "alert me when an order over 1000 comes in", "C1");
    scheduler.start();
    const orders =
      "id,customer_id,ordered_at,amount\nbig,c2,2026-11-23T09:00:00Z,2500\nsmall,c1,2026-11-23T09:05:00Z,20\n";
    expect((await post("orders", orders, "text/csv")).status).toBe(200);
    await slack.waitFor((calls) => alertPosts(calls, "C1").length === 1, 10_000);
    expect(String(alertPosts(slack.calls, "C1")[0]!.params.text)).toContain(
      "New order big of $2,500.00",
    );
    expect((await post("orders", orders, "text/csv")).status).toBe(200);
    // A whole pass begun after the replay: what it does not post, no later pass will.
    await scheduler.stop();
    expect(await schedulerOf(pulse).tick()).toMatchObject({ delivered: 0, failed: 0 });
    expect(alertPosts(slack.calls, "C1")).toHaveLength(1);
  });
});

describe("the ingest port's interface", () => {
  /** An address of this machine other than loopback, if it has one. */
  const outside = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

  /** What a POST without a token gets at `address`: 401 when it is answered, the error code when not. */
  const knock = (address: string, port: number) =>
    fetch(`http://${address}:${port}/ingest/orders`, { method: "POST", body: "[]" }).then(
      (res) => res.status,
      (error: { cause?: { code?: string } }) => error.cause?.code ?? "failed",
    );

  const serving = async (env: Record<string, string>) => {
    const slack = await startFakeSlack();
    const db = await drivers[0]!.open();
    const port = await freePort();
    const pulse = await alertPulse(db, slack, "2026-11-23T10:00:00Z", {
      PULSE_INGEST_PORT: String(port),
      ...env,
    });
    const started = await ingestStarter.start(pulse);
    return {
      port,
      close: async () => {
        await started.stop();
        await db.close();
        await slack.close();
      },
    };
  };

  it.runIf(outside)("is loopback only unless PULSE_INGEST_HOST says otherwise", async () => {
    const loopback = await serving({});
    try {
      expect(await knock("127.0.0.1", loopback.port)).toBe(401);
      expect(await knock(outside!, loopback.port)).toBe("ECONNREFUSED");
    } finally {
      await loopback.close();
    }
    const everywhere = await serving({ PULSE_INGEST_HOST: "0.0.0.0" });
    try {
      expect(await knock(outside!, everywhere.port)).toBe(401);
    } finally {
      await everywhere.close();
    }
  });
});
