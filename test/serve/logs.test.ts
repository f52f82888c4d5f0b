/**
 * Logs: one readable line per event for a person at a terminal, JSON lines
 * for anything else (a file, a collector), LOG_FORMAT to force either; a
 * token is redacted in both.
 */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, logFormatFor } from "../../src/logger.js";

const capture = (isTTY: boolean) => {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = "";
  stream.on("data", (d) => {
    text += d;
  });
  return { stream, text: () => text };
};

describe("logs", () => {
  it("are pretty in a terminal and JSON elsewhere unless LOG_FORMAT says otherwise", () => {
    expect(logFormatFor("auto", capture(true).stream)).toBe("pretty");
    expect(logFormatFor("auto", capture(false).stream)).toBe("json");
    expect(logFormatFor("json", capture(true).stream)).toBe("json");
    expect(logFormatFor("pretty", capture(false).stream)).toBe("pretty");
  });

  it("pretty: one line per event, with its level and message, a token redacted", () => {
    const out = capture(false);
    const logger = createLogger("info", out.stream, "pretty");
    logger.info({ token: "xoxb-secret" }, "slack started");
    logger.warn("second event");
    const lines = out.text().trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/INFO.*slack started/);
    expect(lines[0]).not.toMatch(/^\{/);
    expect(out.text()).not.toContain("xoxb-secret");
    expect(lines[1]).toMatch(/WARN.*second event/);
  });

  it("json: one JSON object per line", () => {
    const out = capture(false);
    createLogger("info", out.stream, "json").info("alerts started");
    expect(JSON.parse(out.text())).toMatchObject({ level: 30, msg: "alerts started" });
  });
});
