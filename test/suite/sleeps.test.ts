/**
 * No test sleeps to prove that something did not happen or to time a kill: on a
 * slow machine such a test passes without testing anything. Tests wait on an
 * explicit signal (a handled update, an idle app, a progress line) or use fake
 * timers. The few timers left in test/ are listed here with why they are
 * harmless; a new one fails this test until it is rewritten or listed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url).pathname;
const self = "test/suite/sleeps.test.ts";

/** A pause or a timer: setTimeout, setInterval, sleep(...), delay(...), node:timers/promises. */
const timer = /\bsetTimeout\s*\(|\bsetInterval\s*\(|\bsleep\s*\(|\bdelay\s*\(|timers\/promises/;

/** Each timer allowed: its file, a piece of its line, and why it proves nothing by waiting. */
const allowed: { file: string; line: string; why: string }[] = [
  {
    file: "test/fakes/http.ts",
    line: "setTimeout(r, 20)",
    why: "waitForCalls polls until the calls it waits for arrive; it never asserts that none did",
  },
  {
    file: "test/fakes/telegram-api.ts",
    line: "setTimeout(r, 50)",
    why: "the fake's long poll, shortened: getUpdates with nothing queued answers empty after a moment, as Telegram does",
  },
  {
    file: "test/fakes/slack-socket.ts",
    line: "not acked in 3 s",
    why: "a deadline that fails the test when an envelope is never acked, never one that passes it",
  },
  {
    file: "test/cli/serve-parent.test.ts",
    line: "setTimeout(r, 100)",
    why: "polls the processes' output until what it waits for is there",
  },
  {
    file: "test/cli/serve-parent.test.ts",
    line: "setInterval(() => {}, 1000)",
    why: "keeps the stand-in parent process alive, as npx stays",
  },
  {
    file: "test/serve/health.test.ts",
    line: "setTimeout(r, 200)",
    why: "polls an endpoint of pulse serve until it answers as expected",
  },
  {
    file: "test/db/shared-folder.test.ts",
    line: 'import { setTimeout as sleep } from "node:timers/promises"',
    why: "the pause of the polling loop below",
  },
  {
    file: "test/db/shared-folder.test.ts",
    line: "await sleep(50)",
    why: "polls until the child process has become the folder's owner",
  },
];

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : sourcesUnder(path);
    return entry.name.endsWith(".ts") && path !== self ? [path] : [];
  });
}

const timers = sourcesUnder("test").flatMap((file) =>
  readFileSync(join(root, file), "utf8")
    .split("\n")
    .map((text, i) => ({ file: relative(".", file), line: i + 1, text: text.trim() }))
    .filter(({ text }) => timer.test(text) && !text.startsWith("//") && !text.startsWith("*")),
);

const allows = (t: (typeof timers)[number]) =>
  allowed.some((a) => a.file === t.file && t.text.includes(a.line));

describe("timers in the tests", () => {
  it("are all on the allow-list: no test sleeps to prove absence or to time a kill", () => {
    expect(timers.filter((t) => !allows(t)).map((t) => `${t.file}:${t.line}: ${t.text}`)).toEqual(
      [],
    );
  });

  it("lists no timer that is gone, so the allow-list says what the tests do", () => {
    const stale = allowed.filter(
      (a) => !timers.some((t) => t.file === a.file && t.text.includes(a.line)),
    );
    expect(stale).toEqual([]);
  });
});
