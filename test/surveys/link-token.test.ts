import { describe, expect, it } from "vitest";
import { signLinkToken, verifyLinkToken } from "../../src/surveys/link-token.js";

describe("survey deep-link tokens", () => {
  it("round-trips a customer id and fits Telegram's start parameter", () => {
    const token = signLinkToken("s3cret", "C-000123");
    expect(token).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(verifyLinkToken("s3cret", token)).toBe("C-000123");
  });

  it("refuses a token whose customer id was changed", () => {
    const token = signLinkToken("s3cret", "C-000123");
    const mac = token.slice(token.lastIndexOf("_"));
    const forged = `${Buffer.from("C-000124").toString("base64url")}${mac}`;
    expect(verifyLinkToken("s3cret", forged)).toBeNull();
  });

  it("refuses a token signed with another secret", () => {
    expect(verifyLinkToken("s3cret", signLinkToken("other", "C-1"))).toBeNull();
  });

  it("refuses malformed tokens", () => {
    expect(verifyLinkToken("s3cret", "")).toBeNull();
    expect(verifyLinkToken("s3cret", "abc")).toBeNull();
  });

  it("throws when the customer id cannot fit in 64 characters", () => {
    expect(() => signLinkToken("s3cret", "x".repeat(40))).toThrow(RangeError);
  });
});
