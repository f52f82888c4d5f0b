/**
 * `pulse alert ...` and `pulse workspace set --timezone` as a user runs them:
 * a real process on an embedded database, the clock fixed by PULSE_NOW.
 * Uses the compiled CLI (`npm run build` first).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const bin = new URL("../../bin/pulse.js", import.meta.url).pathname;

describe("pulse alert", () => {
  const dir = mkdtempSync(join(tmpdir(), "pulse-alert-cli-"));
  const pulse = (...args: string[]) => {
    const result = spawnSync(process.execPath, [bin, ...args], {
      env: {
        ...process.env,
        PULSE_DATA_DIR: dir,
        DATABASE_URL: "",
        LOG_LEVEL: "error",
        PULSE_NOW: "2026-03-02T08:10:00Z",
      },
      encoding: "utf8",
      timeout: 120_000,
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };
  const chat = ["--platform", "slack", "--chat", "C1"];

  it("add needs an owner, restates the rule, and edit, test and history work on it; a zone change asks first", () => {
    const orphan = pulse("alert", "add", ...chat, "alert me when churn goes above 5%");
    expect(orphan.code).not.toBe(0);
    expect(orphan.err).toContain("--owner is required");

    const added = pulse(
      "alert",
      "add",
      ...chat,
      "--owner",
      "U1",
      "alert me when churn goes above 5%",
    );
    expect(added.code).toBe(0);
    expect(added.out).toContain("I understood:");
    expect(added.out).toContain("churn rate over the last 30 days above 5.0%");
    expect(added.out).toContain("checked every hour at :00 UTC");
    expect(added.out).toContain("next Mon 2 Mar, 09:00 UTC");

    const asked = pulse("workspace", "set", "--timezone", "Europe/Helsinki");
    expect(asked.code).not.toBe(0);
    expect(asked.err).toContain("Move them to Europe/Helsinki too?");
    expect(asked.err).toContain("--move-alerts");
    const moved = pulse("workspace", "set", "--timezone", "Europe/Helsinki", "--move-alerts");
    expect(moved.code).toBe(0);
    expect(moved.out).toContain("moved 1 alert(s) to Europe/Helsinki");
    expect(pulse("alert", "list").out).toContain("checked every hour at :00 Europe/Helsinki");

    const edited = pulse("alert", "edit", ...chat, "1", "above 7%");
    expect(edited.out).toContain("above 7.0%");
    const rescheduled = pulse("alert", "edit", ...chat, "1", "Fridays at 8");
    expect(rescheduled.out).toContain("checked Fridays 08:00 Europe/Helsinki");

    expect(pulse("alert", "history", ...chat, "1").out).toContain("Alert 1 has not fired yet.");
    expect(pulse("alert", "test", ...chat, "1").out).toContain("Sending a test of alert 1");
    expect(pulse("alert", "history", ...chat, "1").out).toContain(
      "alert 1 (test) · due Mon 2 Mar, 10:10 EET · pending · 0 attempts",
    );
    expect(pulse("alert", "run", ...chat, "1").out).toContain("Checking alert 1 now");
    expect(pulse("alert", "history", ...chat).out).toContain("Latest firings in this chat:");

    // The phrases of a chat, as `pulse alert add` words.
    // A channel typed by name is looked up in Slack; with no Slack to ask, its id is asked for.
    const named = pulse("alert", "add", ...chat, "--owner", "U1", "ping #sales when a deal is won");
    expect(named.code).not.toBe(0);
    expect(named.err).toContain("I cannot look up #sales from here");
    const deal = pulse("alert", "add", ...chat, "--owner", "U1", "ping me when a deal is won");
    expect(deal.out).toContain("2. each deal that reaches stage won");
    expect(pulse("alert", "mute", ...chat, "1", "for", "a", "week").out).toContain(
      "Snoozed alert 1 until Mon 9 Mar, 10:10 EET",
    );
  }, 600_000);
});
