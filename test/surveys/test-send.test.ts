/**
 * `pulse survey test nps --to-me`: the question goes to the operator's own
 * chat, as a customer would get it, through the fake Bot API; no prompt row
 * is written, so no answer to it is recorded.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeTelegram, startFakeTelegram } from "../fakes/telegram-api.js";

const bin = new URL("../../bin/pulse.js", import.meta.url).pathname;
const token = "123456:TEST-SEND-token";
const run = promisify(execFile);

describe("pulse survey test", () => {
  const dir = mkdtempSync(join(tmpdir(), "pulse-survey-test-"));
  let fake: FakeTelegram;
  // Asynchronous: the fake Bot API answers from this process while the CLI runs.
  const pulse = async (args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
        env: {
          ...process.env,
          PULSE_DATA_DIR: dir,
          DATABASE_URL: "",
          LOG_LEVEL: "warn",
          TELEGRAM_BOT_TOKEN: token,
          TELEGRAM_API_ROOT: fake.apiRoot,
        },
        timeout: 120_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
    }
  };

  beforeAll(async () => {
    fake = await startFakeTelegram(token);
  });
  afterAll(async () => {
    await fake?.close();
  });

  it("without a person allowed, says how to name the chat", async () => {
    const refused = await pulse(["survey", "test", "nps", "--to-me"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("no person is allowed yet, so Pulse does not know your chat");
  }, 120_000);

  it("sends the NPS question to the one allowed person's chat, in the wording asked for", async () => {
    expect((await pulse(["access", "allow", "telegram", "user", "601"])).code).toBe(0);
    fake.calls.length = 0;
    const sent = await pulse(["survey", "test", "nps", "--to-me", "--locale", "fi"]);
    expect(sent.stdout.trim()).toBe(
      "sent a test NPS (fi) to telegram 601; answers to it are not recorded",
    );
    const messages = fake.calls.filter((c) => c.method === "sendMessage");
    expect(messages).toHaveLength(1);
    expect(String(messages[0]!.params.chat_id)).toBe("601");
    expect(JSON.stringify(messages[0]!.params.reply_markup)).toContain("sv:0:10");
  }, 120_000);
});
