import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { boltLogger } from "../../bots/slack/logger.js";
import { createLogger } from "../../src/logger.js";

const lines = (stream: PassThrough): Record<string, unknown>[] =>
  String(stream.read() ?? "")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("Bolt's log lines", () => {
  it("are pino JSON lines tagged as Slack's, at Bolt's level", () => {
    const out = new PassThrough();
    const bolt = boltLogger(createLogger("info", out));
    bolt.warn("An incoming event was not acknowledged within", 3000, "ms");
    bolt.error("listener failed", new Error("boom"));
    const [warn, error] = lines(out);
    expect(warn).toMatchObject({
      level: 40,
      component: "slack",
      msg: "An incoming event was not acknowledged within 3000 ms",
    });
    expect(error).toMatchObject({ level: 50, msg: "listener failed boom" });
    expect((error!.err as { message: string }).message).toBe("boom");
  });
});
