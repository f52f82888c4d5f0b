/**
 * docs/alerts.md shows a confirmation, a list and a history as a user sees
 * them: this runs that conversation for real (the assistant, the scheduler, a
 * fake Slack over HTTP, a fixed clock) and checks the page says exactly what
 * Pulse said, with Slack's channel mention shown as the channel's name.
 * PULSE_DOCS_TRANSCRIPT=path writes the transcript there, to paste.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { updateWorkspace } from "../../src/workspace/workspace.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-api.js";
import { alertPulse, say, schedulerOf, WORKSPACE } from "../support/alert-harness.js";
import { drivers } from "../support/databases.js";

const page = new URL("../../docs/alerts.md", import.meta.url);

describe("docs/alerts.md", () => {
  let slack: FakeSlack;
  let db: Database;
  beforeAll(async () => {
    slack = await startFakeSlack();
    db = await drivers[0]!.open();
  });
  afterAll(async () => {
    await db.close();
    await slack.close();
  });

  it("shows the confirmation, the list and the history Pulse really gives", async () => {
    const pulse = await alertPulse(db, slack, "2026-03-02T08:10:00Z");
    await updateWorkspace(db, WORKSPACE, { timezone: "Europe/Helsinki", currency: "EUR" });
    const lines: string[] = [];
    const talk = async (words: string) => {
      const reply = await say(pulse, words, "C0SALES");
      const [first, ...rest] = reply.text.replace(/<#C0SALES>/g, "#sales").split("\n");
      lines.push(`you:   ${words}`, `Pulse: ${first}`, ...rest.map((l) => `       ${l}`), "");
    };
    const scheduler = schedulerOf(pulse);

    await say(pulse, "every Monday at 9 send revenue last week", "C0SALES");
    await talk("tell me when churn goes above 5%, check every monday at 9");
    await say(pulse, "alert me when an order over 1k comes in", "C0SALES");
    await say(pulse, "snooze alert 3 for a week", "C0SALES");
    await talk("notify me when a deal over 10k is won");
    await say(pulse, "send a test of alert 2", "C0SALES");
    pulse.clock.set("2026-03-02T08:10:03Z");
    await scheduler.tick();
    pulse.clock.set("2026-03-09T07:00:34Z");
    await scheduler.tick();
    await talk("list alerts");
    await talk("show alert history");
    const transcript = lines.join("\n").trimEnd();

    if (process.env.PULSE_DOCS_TRANSCRIPT)
      writeFileSync(process.env.PULSE_DOCS_TRANSCRIPT, `${transcript}\n`);
    const shown = /<!-- transcript -->\n```\n([\s\S]*?)\n```/.exec(readFileSync(page, "utf8"));
    expect(shown?.[1]).toBe(transcript);
  });
});
