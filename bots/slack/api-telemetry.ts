/**
 * Counts Slack Web API failures by method for GET /metrics: the HTTP status
 * (429 rate limited, 5xx), Slack's own error ("not_in_channel") or "network".
 * It sits in the client's fetch, so Bolt's clients and Pulse's own share it.
 */
import type { Telemetry } from "../../src/observability/telemetry.js";

const methodOf = (input: unknown): string => {
  const url = input instanceof Request ? input.url : String(input);
  return new URL(url).pathname.split("/").pop() || "unknown";
};

export function meteredFetch(telemetry: Telemetry): typeof fetch {
  return async (input, init) => {
    const method = methodOf(input);
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      telemetry.apiFailed("slack", method, "network");
      throw error;
    }
    if (!response.ok) telemetry.apiFailed("slack", method, String(response.status));
    else if (response.headers.get("content-type")?.includes("json")) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { ok?: boolean; error?: string } | null;
      if (body?.ok === false) telemetry.apiFailed("slack", method, body.error ?? "not ok");
    }
    return response;
  };
}
