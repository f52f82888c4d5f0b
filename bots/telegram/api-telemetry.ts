/**
 * Counts Bot API failures by method for GET /metrics: Telegram's error code
 * (429 rate limited, 403 blocked, ...) or "network" when no answer came.
 */
import type { Transformer } from "grammy";
import type { Telemetry } from "../../src/observability/telemetry.js";

export function meteredCalls(telemetry: Telemetry): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok) telemetry.apiFailed("telegram", method, String(result.error_code));
      return result;
    } catch (error) {
      telemetry.apiFailed("telegram", method, "network");
      throw error;
    }
  };
}
