/** Configuration is read once; a bad value stops Pulse with the variable's name and what was expected. */
import { describe, expect, it } from "vitest";
import { createConfig } from "../../src/config/config.js";

describe("configuration", () => {
  it("runs on the embedded database without DATABASE_URL", () => {
    expect(createConfig({}, "/srv/pulse").database).toEqual({
      mode: "embedded",
      dataDir: "/srv/pulse/.pulse",
    });
  });

  it("names a bad variable and what it expected", () => {
    expect(() => createConfig({ PORT: "http" })).toThrow(/PORT/);
    expect(() => createConfig({ SLACK_BOT_TOKEN: "abc", SLACK_SIGNING_SECRET: "s" })).toThrow(
      /SLACK_BOT_TOKEN: .*xoxb-/,
    );
  });

  it("keeps the real clock unless PULSE_NOW (tests only) names an instant", () => {
    expect(createConfig({}).now).toBeUndefined();
    expect(createConfig({ PULSE_NOW: "2026-03-02T08:59:50Z" }).now).toEqual(
      new Date("2026-03-02T08:59:50Z"),
    );
    expect(() => createConfig({ PULSE_NOW: "monday" })).toThrow(/PULSE_NOW/);
    expect(createConfig({}).alerts.backfillHours).toBe(24);
    expect(() => createConfig({ PULSE_ALERT_BACKFILL_HOURS: "0" })).toThrow(
      /PULSE_ALERT_BACKFILL_HOURS/,
    );
  });

  it("asks for the signing secret unless Socket Mode has an app token", () => {
    expect(() => createConfig({ SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(
      createConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).slack,
    ).toMatchObject({
      enabled: true,
      appToken: "xapp-1",
    });
  });

  it("asks for a secret token in Telegram webhook mode", () => {
    expect(() =>
      createConfig({
        TELEGRAM_BOT_TOKEN: "1:a",
        TELEGRAM_WEBHOOK_URL: "https://pulse.example.com/tg",
      }),
    ).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
  });

  it("refuses a webhook secret Telegram would refuse, naming the characters it takes", () => {
    expect(() =>
      createConfig({
        TELEGRAM_BOT_TOKEN: "1:a",
        TELEGRAM_WEBHOOK_URL: "https://pulse.example.com/tg",
        TELEGRAM_WEBHOOK_SECRET: "not/allowed here!",
      }),
    ).toThrow(/TELEGRAM_WEBHOOK_SECRET: .*A-Z a-z 0-9 _ -/);
  });

  it("refuses two servers on one port, naming the variable to change", () => {
    const both = {
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "s",
      TELEGRAM_BOT_TOKEN: "1:a",
      TELEGRAM_WEBHOOK_URL: "https://pulse.example.com/tg",
      TELEGRAM_WEBHOOK_SECRET: "secret",
    };
    expect(() => createConfig(both)).toThrow(
      /PORT \(Telegram webhook\): port 3000 is taken by PORT \(Slack events\)/,
    );
    expect(() => createConfig({ ...both, TELEGRAM_WEBHOOK_PORT: "8443" })).not.toThrow();
    expect(() =>
      createConfig({ ...both, TELEGRAM_WEBHOOK_PORT: "8443", PULSE_INGEST_PORT: "8443" }),
    ).toThrow(/PULSE_INGEST_PORT: port 8443 is taken by TELEGRAM_WEBHOOK_PORT/);
  });
});
