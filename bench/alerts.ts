/**
 * `npm run bench:alerts` (also in `npm run bench`): three scheduler processes
 * on one Postgres, 1,000 firings due over five seconds (a quarter of them
 * digests with an answer in the heading's thread), processes killed with
 * SIGKILL at random and restarted. Every part of every firing (heading,
 * answer) must reach the fake Slack exactly once: it prints the duplicate and
 * missing parts and exits non-zero when either is above 0. A benchmark, not a
 * unit test: it runs for a minute or two in real time.
 *
 * Then isolation: a channel answering 429 Retry-After 20 and another channel's
 * alert due at the same time, 20 rounds on Postgres; it prints how long after
 * the 429 the other channel's alert reached Slack (target: under a second).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { createRule } from "../src/alerts/rules.js";
import { ensureWorkspace } from "../src/workspace/workspace.js";
import { startFakeSlack } from "../test/fakes/slack-api.js";
import { alertPulse, schedulerOf } from "../test/support/alert-harness.js";
import { openFreshPostgres } from "../test/support/databases.js";
import { heading, percentile, row } from "./stats.js";

/** A small seeded generator, so a failing run can be repeated. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const cronAt = (d: Date) =>
  `${d.getUTCSeconds()} ${d.getUTCMinutes()} ${d.getUTCHours()} ${d.getUTCDate()} ${d.getUTCMonth() + 1} *`;

export interface ExactlyOnce {
  firings: number;
  parts: number;
  kills: number;
  lookedUp: number;
  duplicates: number;
  missing: number;
  seconds: number;
}

export async function benchAlerts(firings = 1000, seed = 7): Promise<ExactlyOnce> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  heading(
    `Alerts: ${firings} firings, 3 scheduler processes killed (SIGKILL) at random, fake Slack`,
  );
  const worker = fileURLToPath(new URL("./alert-worker.js", import.meta.url));
  const children = new Set<ChildProcess>();
  const slack = await startFakeSlack();
  const db = await openFreshPostgres(adminUrl, "pulse_bench_alerts");
  const began = Date.now();
  try {
    await ensureWorkspace(db, "shop");
    const start = Date.now() + 4000;
    const rules = Array.from({ length: firings }, (_, i) => {
      const due = new Date(Math.ceil(start / 1000) * 1000 + Math.floor(i / 200) * 1000);
      return {
        title: `firing ${i}`,
        questions: i % 4 === 0 ? ["revenue last week"] : [],
        schedule: cronAt(due),
        next: due.toISOString(),
        chat: `C${i % 7}`,
      };
    });
    await db.rows(sql`insert into alert_rules (workspace_id, kind, title, definition, schedule, timezone, platform, chat_id, owner_id, next_run_at)
        select 'shop', 'digest', r.title, jsonb_build_object('kind', 'digest', 'questions', r.questions), r.schedule, 'UTC', 'slack', r.chat, 'U1', r.next::timestamptz
        from json_to_recordset(${JSON.stringify(rules)}::json) as r(title text, questions jsonb, schedule text, next text, chat text)`);
    const parts = firings + rules.filter((r) => r.questions.length > 0).length;
    const lastDue = new Date(rules.at(-1)!.next).getTime();

    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: "secret",
      SLACK_API_URL: slack.apiUrl,
      PULSE_WORKSPACE: "shop",
      LOG_LEVEL: "error",
      ALERT_LEASE_MS: "3000",
    };
    const launch = () => {
      const child = spawn(process.execPath, [worker], {
        env,
        stdio: ["ignore", "ignore", "inherit"],
      });
      children.add(child);
      child.on("exit", () => children.delete(child));
    };
    for (let i = 0; i < 3; i++) launch();

    const next = random(seed);
    let kills = 0;
    while (Date.now() < lastDue + 3000) {
      await new Promise((r) => setTimeout(r, 300 + next() * 600));
      const victim = [...children][Math.floor(next() * children.size)];
      if (!victim) continue;
      victim.kill("SIGKILL");
      kills++;
      launch();
    }

    const keys = () => {
      const counts = new Map<string, number>();
      for (const call of slack.calls) {
        const key = (call.params.metadata as { event_payload?: { key?: string } } | undefined)
          ?.event_payload?.key;
        if (call.method === "chat.postMessage" && key) counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    };
    // A ceiling, not a target: on a loaded machine the parts take longer.
    await slack.waitFor(() => keys().size >= parts, 300_000).catch(() => {});
    // Long enough for any firing a killed process left half-done to be taken over.
    await new Promise((r) => setTimeout(r, 3500));

    const counts = keys();
    const result: ExactlyOnce = {
      firings,
      parts,
      kills,
      lookedUp: slack.calls.filter((c) =>
        ["conversations.history", "conversations.replies"].includes(c.method),
      ).length,
      duplicates: [...counts.values()].filter((n) => n > 1).length,
      missing: parts - counts.size,
      seconds: (Date.now() - began) / 1000,
    };
    row(
      `${result.firings} firings of ${result.parts} parts, ${result.kills} processes killed, ${result.lookedUp} parts looked up after a kill`,
    );
    row(
      `duplicate parts: ${result.duplicates}, missing parts: ${result.missing} (${result.seconds.toFixed(0)} s)`,
    );
    return result;
  } finally {
    for (const child of children) child.kill("SIGKILL");
    await db.close();
    await slack.close();
  }
}

/** Milliseconds from a channel's 429 to another channel's alert, per round. */
export async function benchAlertIsolation(rounds = 20): Promise<number[]> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  heading("Alerts: one channel answers 429 Retry-After 20, another channel's alert is due too");
  const slack = await startFakeSlack();
  const db = await openFreshPostgres(adminUrl, "pulse_bench_isolation");
  const delays: number[] = [];
  try {
    const pulse = await alertPulse(db, slack, "2026-03-02T08:00:00Z");
    for (let i = 0; i < rounds; i++) {
      await db.rows(sql`delete from alert_rules`);
      const due = new Date(Date.UTC(2026, 2, 2 + i * 7, 9));
      pulse.clock.set(new Date(due.getTime() - 3_600_000));
      for (const chatId of ["C1", "C2"])
        await createRule(
          db,
          {
            workspaceId: "shop",
            title: `digest for ${chatId}`,
            definition: { kind: "digest", questions: [] },
            schedule: "0 9 * * 1",
            timezone: "UTC",
            platform: "slack",
            chatId,
            ownerId: "U1",
          },
          pulse.clock.now(),
        );
      slack.failNext("chat.postMessage", {
        status: 429,
        retryAfter: 20,
        match: (params) => params.channel === "C1",
      });
      const from = slack.calls.length;
      pulse.clock.set(new Date(due.getTime() + 5_000));
      await schedulerOf(pulse).tick();
      const calls = slack.calls.slice(from).filter((c) => c.method === "chat.postMessage");
      const refused = calls.find((c) => c.params.channel === "C1");
      const other = calls.find((c) => c.params.channel === "C2");
      if (refused && other) delays.push(Math.max(0, other.at - refused.at));
    }
    row(
      `${delays.length} rounds: the other channel's alert ${percentile(delays, 50).toFixed(0)} ms after the 429 (p50), ${percentile(delays, 95).toFixed(0)} ms (p95), ${Math.max(...delays).toFixed(0)} ms at most`,
    );
    return delays;
  } finally {
    await db.close();
    await slack.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const delays = await benchAlertIsolation();
  const result = await benchAlerts(Number(process.env.ALERT_BENCH_FIRINGS ?? 1000));
  if (result.duplicates > 0 || result.missing > 0 || result.kills < 5) process.exit(1);
  if (delays.length === 0 || percentile(delays, 95) > 1000) process.exit(1);
}
