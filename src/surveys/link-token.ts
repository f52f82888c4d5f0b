/**
 * Deep-link tokens for `https://t.me/<bot>?start=<token>`: a random link id
 * (its row in survey_links says whose it is, until when, and which chat used
 * it) plus a truncated HMAC-SHA256 under PULSE_SECRET, so nobody can guess or
 * edit a link. Telegram allows 64 characters of [A-Za-z0-9_-] in a start
 * parameter; base64url is that alphabet, and the token's length does not
 * depend on the customer id.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Telegram's limit on the start parameter. */
export const START_PARAMETER_LIMIT = 64;
/** 12 random bytes: 16 base64url characters, no padding bits. */
const ID_BYTES = 12;
const ID_CHARS = 16;
/** 16 bytes of MAC (128 bits): 22 characters. */
const MAC_BYTES = 16;
const MAC_CHARS = 22;

const mac = (secret: string, linkId: string): Buffer =>
  createHmac("sha256", secret).update(`survey-link:${linkId}`).digest().subarray(0, MAC_BYTES);

/** A fresh, unguessable link id. */
export const newLinkId = (): string => randomBytes(ID_BYTES).toString("base64url");

/** The token for one link id. */
export function signLinkToken(secret: string, linkId: string): string {
  return `${linkId}${mac(secret, linkId).toString("base64url")}`;
}

/**
 * Decodes base64url only in its canonical spelling: the last character of a
 * 16-byte value carries 4 unused bits, and 16 spellings would otherwise
 * decode to the same bytes.
 */
function canonical(text: string): Buffer | null {
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : null;
}

/** The link id a token was signed for, or null when it is forged, malformed or not canonical. */
export function verifyLinkToken(secret: string, token: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(token) || token.length !== ID_CHARS + MAC_CHARS) return null;
  const linkId = token.slice(0, ID_CHARS);
  const given = canonical(token.slice(ID_CHARS));
  if (!canonical(linkId) || !given || given.length !== MAC_BYTES) return null;
  return timingSafeEqual(given, mac(secret, linkId)) ? linkId : null;
}
