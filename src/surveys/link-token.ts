/**
 * Deep-link tokens for `https://t.me/<bot>?start=<token>`: the customer id
 * plus a truncated HMAC-SHA256 under PULSE_SECRET, so nobody can claim another
 * customer's identity by editing the link. Telegram allows 64 characters of
 * [A-Za-z0-9_-] in a start parameter; base64url fits that alphabet.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** Telegram's limit on the start parameter. */
export const START_PARAMETER_LIMIT = 64;
/** 16 bytes of MAC (128 bits, 22 characters) leave room for customer ids of up to 30 bytes. */
const MAC_BYTES = 16;

const mac = (secret: string, customerId: string): Buffer =>
  createHmac("sha256", secret).update(`survey-link:${customerId}`).digest().subarray(0, MAC_BYTES);

/** The token for one customer; throws when the id is too long to fit. */
export function signLinkToken(secret: string, customerId: string): string {
  const token = `${Buffer.from(customerId, "utf8").toString("base64url")}_${mac(secret, customerId).toString("base64url")}`;
  if (token.length > START_PARAMETER_LIMIT) {
    throw new RangeError(`customer id ${customerId} is too long for a Telegram start link`);
  }
  return token;
}

/** The customer id a token was signed for, or null when it is forged or malformed. */
export function verifyLinkToken(secret: string, token: string): string | null {
  const match = /^([A-Za-z0-9-]+)_([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return null;
  const customerId = Buffer.from(match[1]!, "base64url").toString("utf8");
  const given = Buffer.from(match[2]!, "base64url");
  const expected = mac(secret, customerId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? customerId : null;
}
