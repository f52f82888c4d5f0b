import { describe, expect, it } from "vitest";
import { newLinkId, signLinkToken, verifyLinkToken } from "../../src/surveys/link-token.js";

describe("survey deep-link tokens", () => {
  it("round-trips a link id and fits Telegram's start parameter", () => {
    const id = newLinkId();
    const token = signLinkToken("s3cret", id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(verifyLinkToken("s3cret", token)).toBe(id);
  });

  it("refuses a token whose link id was changed", () => {
    const token = signLinkToken("s3cret", newLinkId());
    const forged = `${newLinkId()}${token.slice(16)}`;
    expect(verifyLinkToken("s3cret", forged)).toBeNull();
  });

  it("refuses a token signed with another secret", () => {
    expect(verifyLinkToken("s3cret", signLinkToken("other", newLinkId()))).toBeNull();
  });

  it("refuses every spelling of the signature but the canonical one", () => {
    const id = newLinkId();
    const token = signLinkToken("s3cret", id);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const accepted = [...alphabet].filter(
      (last) => verifyLinkToken("s3cret", `${token.slice(0, -1)}${last}`) !== null,
    );
    expect(accepted).toEqual([token.at(-1)]);
  });

  it("refuses malformed tokens", () => {
    expect(verifyLinkToken("s3cret", "")).toBeNull();
    expect(verifyLinkToken("s3cret", "abc")).toBeNull();
    expect(verifyLinkToken("s3cret", `${signLinkToken("s3cret", newLinkId())}A`)).toBeNull();
    expect(verifyLinkToken("s3cret", "=".repeat(38))).toBeNull();
  });
});
