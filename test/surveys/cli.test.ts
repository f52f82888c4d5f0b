/**
 * `pulse survey` as a user runs it: the compiled CLI on an embedded database
 * in a temporary folder (npm test builds first).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { verifyLinkToken } from "../../src/surveys/link-token.js";
import { shopDir } from "../support/shop.js";

const bin = new URL("../../bin/pulse.js", import.meta.url).pathname;
const secret = "cli-test-secret";

function pulse(args: string[], dataDir: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: {
      ...process.env,
      PULSE_DATA_DIR: dataDir,
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
      PULSE_SECRET: secret,
      TELEGRAM_BOT_TOKEN: "",
      ...env,
    },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("pulse survey", () => {
  const dir = mkdtempSync(join(tmpdir(), "pulse-cli-survey-"));

  it("prints one customer's signed deep link, and exports everyone's as CSV", () => {
    expect(pulse(["import", "--dir", shopDir], dir).code).toBe(0);
    const one = pulse(["survey", "link", "c1", "--bot", "@shop_bot"], dir);
    expect(one.code).toBe(0);
    const link = one.stdout.trim();
    expect(link).toMatch(/^https:\/\/t\.me\/shop_bot\?start=[A-Za-z0-9_-]{1,64}$/);
    expect(verifyLinkToken(secret, link.split("start=")[1]!)).not.toBeNull();
    const out = join(dir, "links.csv");
    expect(pulse(["survey", "links", "--bot", "shop_bot", "--out", out], dir).stdout).toMatch(
      /^wrote 7 links to /,
    );
    const csv = readFileSync(out, "utf8").trim().split("\n");
    expect(csv[0]).toBe("customer_id,name,email,linked,link,expires_at");
    expect(csv).toHaveLength(8);
    // Printing again hands out the same unused link, not a new one each time.
    expect(csv[1]).toContain(link);
  });

  it("unlink revokes a customer's links and says what it did", () => {
    const done = pulse(["survey", "unlink", "c1"], dir);
    expect(done.code).toBe(0);
    expect(done.stdout.trim()).toMatch(/^customer c1: 1 link revoked, /);
    expect(pulse(["survey", "unlink", "nobody"], dir).stderr).toContain(
      'no customer with id "nobody"',
    );
  });

  it("previews a campaign with --dry-run, then queues exactly that, says why the others were left out, and reports progress", () => {
    const linked = join(dir, "linked.csv");
    writeFileSync(
      linked,
      "id,signup_at,telegram_chat_id\nt1,2026-01-01,5001\nt2,2026-01-01,5002\n",
    );
    expect(pulse(["import", "customers", linked], dir).code).toBe(0);
    const telegram = { TELEGRAM_BOT_TOKEN: "123456:cli-test" };
    const dry = pulse(["survey", "send", "nps", "--to", "all", "--dry-run"], dir, telegram);
    expect(dry.stdout).toBe(
      [
        "dry run, nothing queued: NPS in telegram would go to 2 of 9 customers",
        "  by channel: telegram 2",
        "  by language: en 2",
        "  not asked: 7 not reachable",
        "",
      ].join("\n"),
    );
    const sent = pulse(["survey", "send", "nps", "--to", "all"], dir, telegram);
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(
      /^campaign [0-9a-f-]+: 2 of 9 customers queued for NPS in telegram\n {2}by channel: telegram 2\n {2}by language: en 2\n {2}not asked: 7 not reachable\n$/,
    );
    const campaignId = /^campaign ([0-9a-f-]+):/.exec(sent.stdout)![1]!;
    expect(pulse(["survey", "status", campaignId], dir).stdout.trim()).toBe(
      `campaign ${campaignId}: 2 pending`,
    );
    expect(pulse(["survey", "send", "nps", "--to", "all"], dir, telegram).stdout).toContain(
      "not asked: 7 not reachable, 2 question already waiting",
    );
  }, 240_000);

  it("refuses a campaign for a chat platform that is not configured", () => {
    const refused = pulse(["survey", "send", "csat", "--to", "all", "--channel", "telegram"], dir);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      "Telegram (TELEGRAM_BOT_TOKEN) is not configured: nothing queued",
    );
  });

  it("keeps the automatic schedule off until the operator turns it on, and says what it will send", () => {
    const telegram = { TELEGRAM_BOT_TOKEN: "123456:cli-test" };
    expect(pulse(["survey", "schedule"], dir, telegram).stdout).toMatch(
      /^Surveys: the automatic schedule is off; only campaigns you queue are sent via telegram \(`pulse survey schedule on` starts CSAT 2 days after each order and NPS every 90 days per customer\)\.\n/,
    );
    const on = pulse(["survey", "schedule", "on"], dir, telegram);
    expect(on.stdout).toMatch(
      /^Surveys: the automatic schedule is on: CSAT 2 days after each order and NPS every 90 days per customer via telegram; planning now queues \d+ CSAT and \d+ NPS questions/,
    );
    expect(on.stdout).toContain(
      "Surveys are sent never more often than once in 30 days per customer (any survey, any source); in the customer's daytime only (not 21:00-9:00 their time)",
    );
    expect(pulse(["survey", "schedule", "off"], dir, telegram).stdout).toMatch(
      /^Surveys: the automatic schedule is off/,
    );
  });

  it("refuses an unknown kind, segment or channel, and a missing secret, by name", () => {
    expect(pulse(["survey", "send", "nsp", "--to", "all"], dir).stderr).toContain(
      'survey kind must be nps, csat or ces, got "nsp"',
    );
    expect(pulse(["survey", "send", "nps", "--to", "vips"], dir).stderr).toContain(
      'unknown segment "vips"',
    );
    expect(
      pulse(["survey", "send", "nps", "--to", "all", "--channel", "email"], dir).stderr,
    ).toContain('channel must be telegram or slack, got "email"');
    expect(
      pulse(["survey", "link", "c1", "--bot", "b"], dir, { PULSE_SECRET: "" }).stderr,
    ).toContain("PULSE_SECRET is not set");
  });
});
