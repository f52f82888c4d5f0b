/**
 * Benchmarks of the analytics core (issue #2): import throughput, query
 * latency against the best hand-written SQL, scale, and CLI cold start.
 * Needs the Postgres server (BENCH_DATABASE_URL, default the local one).
 */
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { type Database, openDatabase } from "../db/client.js";
import { packageRoot } from "../db/package-root.js";
import { runExplain } from "../src/explain/explain.js";
import { whatChanged } from "../src/explain/what-changed.js";
import { importFile } from "../src/import/import-file.js";
import { runListQuery } from "../src/lists/list.js";
import { type MetricQuery, runMetricQuery } from "../src/metrics/query.js";
import { ensureWorkspace } from "../src/workspace/workspace.js";
import { openFreshPostgres } from "../test/support/databases.js";
import { heading, ms, percentile, row, timeRuns } from "./stats.js";

const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const context = { workspaceId: "bench", timezone: "UTC" };
const channels = ["organic", "ads", "social", "referral", "email", "partner"];
const plans = ["basic", "plus", "pro"];

async function freshPostgres(): Promise<{ db: Database; url: string; drop: () => Promise<void> }> {
  const db = await openFreshPostgres(adminUrl, "pulse_bench");
  return { db, url: db.url, drop: () => db.close() };
}

/** Writes customers.csv and orders.csv of a synthetic shop: `customers` over two years, `orders` spread over them. */
async function writeCsv(dir: string, customers: number, orders: number): Promise<void> {
  const write = (file: string, lines: Iterable<string>) =>
    new Promise<void>((resolve, reject) => {
      const out = createWriteStream(join(dir, file));
      out.on("error", reject);
      (async () => {
        for (const line of lines)
          if (!out.write(line)) await new Promise<void>((r) => out.once("drain", () => r()));
        out.end(() => resolve());
      })().catch(reject);
    });
  const start = Date.parse("2024-11-01T00:00:00Z");
  const span = 730 * 86_400_000;
  await write(
    "customers.csv",
    (function* () {
      yield "id,plan,channel,signup_at,churned_at\n";
      for (let i = 0; i < customers; i++) {
        const signup = start + Math.floor((i / customers) * span);
        const churned =
          i % 7 === 0
            ? new Date(signup + ((i * 7919) % 300) * 86_400_000 + 3_600_000).toISOString()
            : "";
        yield `c${i},${plans[i % 3]},${channels[i % 6]},${new Date(signup).toISOString()},${churned}\n`;
      }
    })(),
  );
  await write(
    "orders.csv",
    (function* () {
      yield "id,customer_id,ordered_at,amount,category\n";
      for (let i = 0; i < orders; i++) {
        const at = start + Math.floor((i / orders) * span);
        yield `o${i},c${Math.max(0, Math.floor((i / orders) * customers) - (i % 5))},${new Date(at).toISOString()},${(10 + ((i * 37) % 9000) / 100).toFixed(2)},cat${i % 8}\n`;
      }
    })(),
  );
}

async function benchImport(
  label: string,
  db: Database,
  dir: string,
  orders: number,
): Promise<void> {
  await ensureWorkspace(db, context.workspaceId);
  const c = await importFile(db, "customers", join(dir, "customers.csv"), {
    ...context,
    batchSize: 5000,
  });
  const o = await importFile(db, "orders", join(dir, "orders.csv"), {
    ...context,
    batchSize: 5000,
  });
  row(
    label.padEnd(9),
    `customers ${c.rows.toLocaleString("en-US")} in ${c.seconds.toFixed(1)} s (${Math.round(c.rows / c.seconds).toLocaleString("en-US")} rows/s)`,
    `| orders ${orders.toLocaleString("en-US")} in ${o.seconds.toFixed(1)} s (${Math.round(o.rows / o.seconds).toLocaleString("en-US")} rows/s)`,
  );
}

/** Daily spend per channel over the two years, written in SQL: not what is measured. */
async function addSpend(db: Database): Promise<void> {
  await db.rows(sql`insert into marketing_spend (workspace_id, date, channel, amount)
    select ${context.workspaceId}, d::date, c, 100 + (extract(doy from d)::int % 50)
    from generate_series('2024-11-01'::date, '2026-10-31'::date, '1 day') d, unnest(${`{${channels.join(",")}}`}::text[]) c
    on conflict do nothing`);
  await db.rows(sql`analyze`);
}

const bySegment: MetricQuery = {
  metric: "active_customers",
  from: "2026-10-01",
  to: "2026-11-01",
  groupBy: "segment",
};

const queries: { name: string; pulse: MetricQuery; handWritten: string; targetMs?: number }[] = [
  {
    name: "churn_rate last month",
    pulse: { metric: "churn_rate", from: "2026-10-01", to: "2026-11-01" },
    handWritten: `select 100.0 * (select count(*) from customers where workspace_id = 'bench' and churned_at >= '2026-10-01Z' and churned_at < '2026-11-01Z')
      / nullif((select count(*) from customers where workspace_id = 'bench' and signup_at < '2026-10-01Z' and (churned_at is null or churned_at >= '2026-10-01Z')), 0)`,
  },
  {
    name: "revenue by month, 12 months",
    pulse: { metric: "revenue", from: "2025-11-01", to: "2026-11-01", grain: "month" },
    handWritten: `select date_trunc('month', ordered_at at time zone 'UTC') m, sum(amount) from orders
      where workspace_id = 'bench' and ordered_at >= '2025-11-01Z' and ordered_at < '2026-11-01Z' group by 1 order by 1`,
  },
  {
    name: "cac by channel, a year",
    pulse: { metric: "cac", from: "2025-11-01", to: "2026-11-01", groupBy: "channel" },
    handWritten: `select s.channel, s.spend / nullif(n.signups, 0) from
      (select channel, sum(amount) spend from marketing_spend where workspace_id = 'bench' and date >= '2025-11-01' and date < '2026-11-01' group by 1) s
      full join (select channel, count(*) signups from customers where workspace_id = 'bench' and signup_at >= '2025-11-01Z' and signup_at < '2026-11-01Z' group by 1) n
      on n.channel = s.channel`,
  },
  {
    name: "active customers by segment",
    pulse: bySegment,
    // Scored from the orders every time, the rules of docs/segments.md folded by hand.
    handWritten: `with scores as materialized (
        select customer_id,
          ntile(5) over (order by max(ordered_at), customer_id) r,
          ntile(5) over (order by count(*), customer_id) f,
          ntile(5) over (order by sum(amount), customer_id) m
        from orders where workspace_id = 'bench' and ordered_at < '2026-11-01Z' group by customer_id
      ), segments as (
        select customer_id, case
          when r >= 4 and round((f + m) / 2.0) >= 4 then 'champions'
          when r = 1 and round((f + m) / 2.0) >= 4 then 'cannot lose them'
          when r <= 2 and round((f + m) / 2.0) >= 3 then 'at risk'
          when round((f + m) / 2.0) >= 3 then 'loyal'
          when r = 5 and round((f + m) / 2.0) = 1 then 'new'
          when r = 4 and round((f + m) / 2.0) = 1 then 'promising'
          when r >= 4 then 'potential loyalists'
          when r = 3 and round((f + m) / 2.0) = 2 then 'need attention'
          when r = 3 then 'about to sleep'
          when r = 2 then 'hibernating'
          else 'lost' end segment
        from scores
      )
      select coalesce(s.segment, 'unknown'), count(*) from customers c
      left join segments s on s.customer_id = c.id
      where c.workspace_id = 'bench' and c.signup_at < '2026-11-01Z'
        and (c.churned_at is null or c.churned_at >= '2026-11-01Z')
      group by 1`,
    targetMs: 300,
  },
];

async function benchQueries(
  db: Database,
  url: string,
  runs: number,
  /** The p95 target of each query at this size. */
  targetOf: (query: (typeof queries)[number]) => number,
): Promise<void> {
  const raw = postgres(url, { max: 1, onnotice: () => {} });
  try {
    row(
      "query".padEnd(30),
      "pulse p50",
      "pulse p95",
      "hand p50",
      "hand p95",
      "ratio p50",
      "target p95",
    );
    for (const q of queries) {
      const pulse = await timeRuns(() => runMetricQuery(db, q.pulse, context), runs);
      const hand = await timeRuns(() => raw.unsafe(q.handWritten), runs);
      const p95 = percentile(pulse, 95);
      const targetMs = targetOf(q);
      row(
        q.name.padEnd(30),
        ms(percentile(pulse, 50)).padStart(9),
        ms(p95).padStart(9),
        ms(percentile(hand, 50)).padStart(8),
        ms(percentile(hand, 95)).padStart(8),
        `${(percentile(pulse, 50) / percentile(hand, 50)).toFixed(2)}x`.padStart(9),
        `${p95 < targetMs ? "met" : "MISSED"} (< ${targetMs} ms)`,
      );
    }
  } finally {
    await raw.end();
  }
}

const october = { from: "2026-10-01", to: "2026-11-01" };
const year = { from: "2025-11-01", to: "2026-11-01" };
/** The orders of a range joined to their customers, as hand-written SQL reads them. */
const ordersOf = (range: { from: string; to: string }) =>
  `orders o join customers c on c.workspace_id = o.workspace_id and c.id = o.customer_id
   where o.workspace_id = 'bench' and o.ordered_at >= '${range.from}Z' and o.ordered_at < '${range.to}Z'`;

/** The questions of contract v2 (issue #12): filters, rankings, lists and why. */
const questions: {
  name: string;
  run: (db: Database) => Promise<unknown>;
  handWritten: string | null;
  targetMs: number;
}[] = [
  {
    name: "revenue, plan pro, a month",
    run: (db) =>
      runMetricQuery(
        db,
        {
          metric: "revenue",
          ...october,
          filters: [{ dimension: "plan", op: "in", values: ["pro"] }],
        },
        context,
      ),
    handWritten: `select sum(o.amount) from ${ordersOf(october)} and c.plan = 'pro'`,
    targetMs: 1000,
  },
  {
    name: "top 3 channels by revenue, a year",
    run: (db) =>
      runMetricQuery(
        db,
        { metric: "revenue", ...year, groupBy: "channel", rank: { order: "desc", limit: 3 } },
        context,
      ),
    handWritten: `select c.channel, sum(o.amount) from ${ordersOf(year)} group by 1 order by 2 desc limit 3`,
    targetMs: 1000,
  },
  {
    name: "top 10 customers by revenue, a year",
    run: (db) =>
      runListQuery(
        db,
        { entity: "customers", metric: "revenue", ...year, rank: { order: "desc", limit: 10 } },
        context,
      ),
    // Summed per customer id first, then joined to customers: the fast way to write it by hand.
    handWritten: `with m as (select o.customer_id, sum(o.amount) as v from orders o
        where o.workspace_id = 'bench' and o.ordered_at >= '${year.from}Z' and o.ordered_at < '${year.to}Z'
        group by o.customer_id)
      select c.id, c.name, m.v, count(*) over () from m
      join customers c on c.workspace_id = 'bench' and c.id = m.customer_id
      order by 3 desc limit 10`,
    targetMs: 1000,
  },
  {
    name: "why revenue changed, a month",
    run: (db) => runExplain(db, { metric: "revenue", ...october }, context),
    handWritten: null,
    targetMs: 2000,
  },
  {
    name: "why churn rate changed, a month",
    run: (db) => runExplain(db, { metric: "churn_rate", ...october }, context),
    handWritten: null,
    targetMs: 2000,
  },
  {
    name: "what changed, the weekly digest",
    run: (db) => whatChanged(db, { period: "week", today: "2026-11-04" }, context),
    handWritten: null,
    targetMs: 10_000,
  },
];

async function benchQuestions(db: Database, url: string, runs: number): Promise<void> {
  const raw = postgres(url, { max: 1, onnotice: () => {} });
  try {
    row("question".padEnd(36), "pulse p50", "pulse p95", "hand p50", "hand p95", "target p95");
    for (const q of questions) {
      const pulse = await timeRuns(() => q.run(db), runs);
      const { handWritten } = q;
      const hand = handWritten ? await timeRuns(() => raw.unsafe(handWritten), runs) : null;
      const p95 = percentile(pulse, 95);
      row(
        q.name.padEnd(36),
        ms(percentile(pulse, 50)).padStart(9),
        ms(p95).padStart(9),
        (hand ? ms(percentile(hand, 50)) : "-").padStart(8),
        (hand ? ms(percentile(hand, 95)) : "-").padStart(8),
        `${p95 < q.targetMs ? "met" : "MISSED"} (< ${q.targetMs} ms)`,
      );
    }
  } finally {
    await raw.end();
  }
}

/** 1M customers and 10M orders written by the server itself (generate_series): only the queries are measured. */
async function fillAtScale(db: Database, customers: number, orders: number): Promise<void> {
  await ensureWorkspace(db, context.workspaceId);
  await db.rows(sql`insert into customers (workspace_id, id, plan, channel, signup_at, churned_at)
    select 'bench', 'c' || i, (array['basic','plus','pro'])[1 + i % 3], (array['organic','ads','social','referral','email','partner'])[1 + i % 6],
      timestamptz '2024-11-01Z' + (i::float8 / ${customers}) * interval '730 days',
      case when i % 7 = 0 then timestamptz '2024-11-01Z' + (i::float8 / ${customers}) * interval '730 days' + ((i::bigint * 7919) % 300) * interval '1 day' + interval '1 hour' end
    from generate_series(0, ${customers - 1}) i`);
  await db.rows(sql`insert into orders (workspace_id, id, customer_id, ordered_at, amount, category)
    select 'bench', 'o' || i, 'c' || greatest(0, floor((i::float8 / ${orders}) * ${customers})::int - i % 5),
      timestamptz '2024-11-01Z' + (i::float8 / ${orders}) * interval '730 days', 10 + ((i * 37) % 9000) / 100.0, 'cat' || i % 8
    from generate_series(0, ${orders - 1}) i`);
  await addSpend(db);
  await db.rows(sql`vacuum analyze`);
}

/** A whole `pulse` process against the demo folder, no owner running: its wall-clock samples. */
function wholeProcess(bin: string, env: NodeJS.ProcessEnv, args: string[], runs = 5): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    execFileSync(process.execPath, [bin, ...args], { env, stdio: "ignore" });
    samples.push(performance.now() - started);
  }
  return samples;
}

/**
 * Cold start of the CLI, whole process, on the embedded demo, beside the figures before the
 * start-up work of issue #28 (same two-core machine): query 3.26 s quiet; CPU time (user + system)
 * query 2.13 s and ask 2.87 s, measured while the machine was loaded.
 */
async function benchColdStart(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "pulse-cold-"));
  const bin = join(packageRoot(), "bin", "pulse.js");
  const env = { ...process.env, PULSE_DATA_DIR: dataDir, DATABASE_URL: "" };
  try {
    execFileSync(process.execPath, [bin, "demo", "--no-chat"], { env, stdio: "ignore" });
    const query = wholeProcess(bin, env, [
      "query",
      "churn_rate",
      "--from",
      "2026-10-01",
      "--to",
      "2026-11-01",
    ]);
    row(
      `npx pulse query churn_rate (embedded, demo data), whole process: p50 ${ms(percentile(query, 50))}, max ${ms(Math.max(...query))} (before: 3.26 s)`,
      `target p50 < 1000 ms: ${percentile(query, 50) < 1000 ? "met" : "MISSED"}`,
    );
    const ask = wholeProcess(bin, env, ["ask", "churn last month"]);
    row(
      `npx pulse ask "churn last month" (embedded, demo data), whole process: p50 ${ms(percentile(ask, 50))}, max ${ms(Math.max(...ask))}`,
      `target p50 < 1500 ms: ${percentile(ask, 50) < 1500 ? "met" : "MISSED"}`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchCore(
  options: {
    orders?: number;
    customers?: number;
    scale?: boolean;
    queries?: boolean;
    /** Only the questions of contract v2, on Postgres (the data imported there alone). */
    questionsOnly?: boolean;
  } = {},
): Promise<void> {
  const customers = options.customers ?? 100_000;
  const queries = options.queries ?? true;
  const orders = options.orders ?? 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), "pulse-bench-"));
  try {
    heading(
      `Import: ${customers.toLocaleString("en-US")} customers + ${orders.toLocaleString("en-US")} orders from CSV`,
    );
    await writeCsv(dir, customers, orders);
    const pg = await freshPostgres();
    try {
      await benchImport("postgres", pg.db, dir, orders);
      if (options.questionsOnly) {
        await addSpend(pg.db);
        await pg.db.rows(sql`vacuum analyze`);
        heading(
          `Questions v2 on Postgres, ${customers.toLocaleString("en-US")} customers / ${orders.toLocaleString("en-US")} orders (20 runs each)`,
        );
        await benchQuestions(pg.db, pg.url, 20);
        return;
      }
      const lite = await openDatabase({ mode: "embedded", dataDir: null });
      try {
        await benchImport("pglite", lite, dir, orders);
      } finally {
        await lite.close();
      }
      if (!queries) return;
      heading(
        `Queries on Postgres, ${customers.toLocaleString("en-US")} customers / ${orders.toLocaleString("en-US")} orders (30 runs each)`,
      );
      await addSpend(pg.db);
      await pg.db.rows(sql`vacuum analyze`);
      const started = performance.now();
      await runMetricQuery(pg.db, bySegment, context);
      row(
        `(active customers by segment, first query after the import, which scores and keeps the segments: ${ms(performance.now() - started)})`,
      );
      await benchQueries(pg.db, pg.url, 30, (q) => q.targetMs ?? 100);
      heading(
        `Questions v2 on Postgres, ${customers.toLocaleString("en-US")} customers / ${orders.toLocaleString("en-US")} orders (20 runs each)`,
      );
      await benchQuestions(pg.db, pg.url, 20);
    } finally {
      await pg.drop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!queries || options.questionsOnly) return;
  if (options.scale ?? true) {
    heading("Scale: 1,000,000 customers / 10,000,000 orders on Postgres (10 runs each)");
    const big = await freshPostgres();
    try {
      const started = performance.now();
      await fillAtScale(big.db, 1_000_000, 10_000_000);
      row(
        `(filled in ${((performance.now() - started) / 1000).toFixed(0)} s with generate_series)`,
      );
      await benchQueries(big.db, big.url, 10, () => 1000);
    } finally {
      await big.drop();
    }
  }
  heading("Cold start");
  await benchColdStart();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes("--quick");
  // --no-scale: skip the 1M customers / 10M orders part.
  const scale = !quick && !process.argv.includes("--no-scale");
  // --import-only: the import rows/s alone, to compare a change to the importer quickly.
  const queries = !process.argv.includes("--import-only");
  // --questions: the questions of contract v2 alone (filtered metric, ranking, list, explain).
  const questionsOnly = process.argv.includes("--questions");
  await benchCore(
    quick
      ? { customers: 10_000, orders: 100_000, scale, queries, questionsOnly }
      : { scale, queries, questionsOnly },
  );
}
