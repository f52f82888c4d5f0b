/**
 * The one way a sync calls a vendor's API: JSON over fetch, waiting out a
 * 429 as long as the API asks (Retry-After, else a growing pause), a few
 * tries on a 5xx or a dropped connection, and a refused token named by the
 * variable that holds it, never by its value.
 */
import { PulseError } from "../errors.js";

/** A credential the API refused (401/403): the user must fix the variable. */
export class SyncAuthError extends PulseError {
  constructor(
    readonly variable: string,
    status: number,
    detail: string,
  ) {
    super(
      "config_invalid",
      `${variable} was refused (${status}${detail ? `: ${detail}` : ""}); set a valid one`,
    );
  }
}

/** The API kept failing or answered something that is not its documented shape. */
export class SyncFailedError extends PulseError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("service_unreachable", message, options);
  }
}

export interface CallOptions {
  /** Names the API in errors: "Stripe", "Shopify", "HubSpot". */
  api: string;
  /** The variable holding the credential, named when the API refuses it. */
  credential: string;
  /** How often a 429 or a failure is tried again before the sync stops. */
  tries?: number;
  /** The pause before the first retry when the API names none; it doubles after each. */
  pauseMs?: number;
  /** Waits out a pause; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What the API said went wrong, from the shapes Stripe, Shopify and HubSpot use. */
function detailOf(body: unknown): string {
  if (typeof body !== "object" || body === null) return "";
  const b = body as { error?: { message?: string } | string; errors?: unknown; message?: string };
  if (typeof b.error === "object" && b.error?.message) return b.error.message;
  if (typeof b.error === "string") return b.error;
  if (typeof b.errors === "string") return b.errors;
  return b.message ?? "";
}

/** A JSON call; the response's headers come along (Shopify pages by its Link header). */
export async function callJson<T>(
  url: string,
  init: RequestInit,
  options: CallOptions,
): Promise<{ body: T; headers: Headers }> {
  const tries = options.tries ?? 6;
  const sleep = options.sleep ?? realSleep;
  let pause = options.pauseMs ?? 500;
  let last = "";
  for (let attempt = 1; attempt <= tries; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      last = `no answer from ${new URL(url).origin} (${error instanceof Error ? error.message : String(error)})`;
      await sleep(pause);
      pause *= 2;
      continue;
    }
    const body = (await response.json().catch(() => null)) as unknown;
    if (response.ok) return { body: body as T, headers: response.headers };
    if (response.status === 401 || response.status === 403)
      throw new SyncAuthError(options.credential, response.status, detailOf(body));
    if (response.status === 429 || response.status >= 500) {
      const asked = Number(response.headers.get("retry-after"));
      last = `${response.status} ${detailOf(body)}`.trim();
      await sleep(Number.isFinite(asked) && asked > 0 ? asked * 1000 : pause);
      pause *= 2;
      continue;
    }
    throw new SyncFailedError(
      `${options.api} answered ${response.status} to ${new URL(url).pathname}: ${detailOf(body)}`,
    );
  }
  throw new SyncFailedError(
    `${options.api} kept failing (${tries} tries; last: ${last}); the next sync starts where this one stopped`,
  );
}
