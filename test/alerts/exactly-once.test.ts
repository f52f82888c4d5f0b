/**
 * Three scheduler processes on one Postgres, 1,000 firings due over five
 * seconds (a quarter of them digests with an answer in the heading's thread),
 * processes killed with SIGKILL at random and restarted: every part of every
 * firing (heading, answer) reaches the fake Slack exactly once. Runs the compiled worker
 * (dist/, from `npm run build`) and only when TEST_DATABASE_URL is set.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { ensureWorkspace } from "../../src/workspace/workspace.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-api.js";
import { openFreshPostgres, testDatabaseUrl } from "../support/databases.js";

const worker = new URL("../../dist/test/support/alert-worker.js", import.meta.url).pathname;
const FIRINGS = 1000;

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

describe.skipIf(!testDatabaseUrl)("exactly once with three processes killed at random", () => {
  const children = new Set<ChildProcess>();
  let slack: FakeSlack | undefined;
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await slack?.close();
  });

  it("delivers each part of 1,000 firings once: 0 duplicate parts, 0 missing", async () => {
    expect(existsSync(worker), "run `npm run build` first").toBe(true);
    slack = await startFakeSlack();
    const db = await openFreshPostgres(testDatabaseUrl!, "pulse_alerts");
    try {
      await ensureWorkspace(db, "shop");
      const start = Date.now() + 4000;
      const rules = Array.from({ length: FIRINGS }, (_, i) => {
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
      const PARTS = FIRINGS + rules.filter((r) => r.questions.length > 0).length;
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

      const next = random(7);
      let kills = 0;
      while (Date.now() < lastDue + 3000) {
        await new Promise((r) => setTimeout(r, 300 + next() * 600));
        const victims = [...children];
        const victim = victims[Math.floor(next() * victims.length)];
        if (!victim) continue;
        victim.kill("SIGKILL");
        kills++;
        launch();
      }

      const keys = () => {
        const counts = new Map<string, number>();
        for (const call of slack!.calls) {
          const key = (call.params.metadata as { event_payload?: { key?: string } } | undefined)
            ?.event_payload?.key;
          if (call.method === "chat.postMessage" && key)
            counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        return counts;
      };
      // A ceiling, not a target: on a loaded machine the 1,500 parts take longer.
      await slack.waitFor(() => keys().size >= PARTS, 150_000);
      // Long enough for any firing a killed process left half-done to be taken over.
      await new Promise((r) => setTimeout(r, 3500));

      const counts = keys();
      const duplicates = [...counts.values()].filter((n) => n > 1).length;
      const [stats] = await db.rows<{
        firings: number;
        delivered: number;
        rules: number;
      }>(sql`select
          count(*)::int as firings, count(*) filter (where status = 'delivered')::int as delivered,
          count(distinct rule_id)::int as rules from alert_firings`);
      const checked = slack.calls.filter((c) =>
        ["conversations.history", "conversations.replies"].includes(c.method),
      ).length;
      console.log(
        `exactly-once: ${FIRINGS} firings of ${PARTS} parts, ${kills} processes killed, ${checked} parts looked up after a kill, ${duplicates} duplicate parts, ${PARTS - counts.size} missing parts`,
      );
      expect(kills).toBeGreaterThan(5);
      expect(duplicates).toBe(0);
      expect(counts.size).toBe(PARTS);
      expect(stats).toEqual({ firings: FIRINGS, delivered: FIRINGS, rules: FIRINGS });
    } finally {
      for (const child of children) child.kill("SIGKILL");
      await db.close();
    }
  }, 240_000);
});
