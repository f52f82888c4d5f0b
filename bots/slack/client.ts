/** Slack's configuration, and Web API clients with its token and API URL. */
import { webApi } from "@slack/bolt";
import type { Pulse } from "../../src/pulse.js";
import { meteredFetch } from "./api-telemetry.js";

export function slackConfig(pulse: Pulse) {
  const config = pulse.config.slack;
  if (!config.enabled) throw new Error("Slack is not configured (SLACK_BOT_TOKEN)");
  return config;
}

/** A Web API client of its own; `options` sets how it retries. */
export function slackClient(pulse: Pulse, options: webApi.WebClientOptions = {}): webApi.WebClient {
  const config = slackConfig(pulse);
  return new webApi.WebClient(config.botToken, {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    fetch: meteredFetch(pulse.telemetry),
    ...options,
  });
}
