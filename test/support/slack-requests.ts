/**
 * Requests as Slack sends them to POST /slack/events: signed with HMAC-SHA256
 * over `v0:timestamp:body`, optionally marked as a retry. Tests and the Slack
 * benchmark use them.
 */
import { createHmac } from "node:crypto";
import { type Agent, request as httpRequest } from "node:http";
import { createServer } from "node:net";

/** A loopback port nobody listens on yet. */
export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export interface SlackRequestOptions {
  contentType?: string;
  timestamp?: number;
  /** Sent instead of the right signature. */
  signature?: string;
  /** X-Slack-Retry-Num. */
  retry?: number;
  /** Connections to reuse (a load test's keep-alive pool); a new connection per request without it. */
  agent?: Agent;
}

/** Posts a signed request; answers the status, how long the answer took (the ack) and its body. */
export async function postToSlack(
  port: number,
  secret: string,
  body: string,
  options: SlackRequestOptions = {},
): Promise<{ status: number; ms: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature =
    options.signature ??
    `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  const started = performance.now();
  // node:http rather than fetch: a benchmark's client should cost less than the server it measures.
  const { status, text } = await new Promise<{ status: number; text: string }>(
    (resolve, reject) => {
      const request = httpRequest(
        {
          host: "127.0.0.1",
          port,
          path: "/slack/events",
          method: "POST",
          agent: options.agent ?? false,
          headers: {
            "content-type": options.contentType ?? "application/x-www-form-urlencoded",
            "content-length": Buffer.byteLength(body),
            "x-slack-request-timestamp": String(timestamp),
            "x-slack-signature": signature,
            ...(options.retry
              ? {
                  "x-slack-retry-num": String(options.retry),
                  "x-slack-retry-reason": "http_timeout",
                }
              : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response
            .on("data", (chunk: Buffer) => chunks.push(chunk))
            .on("end", () =>
              resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
            )
            .on("error", reject);
        },
      );
      request.on("error", reject).end(body);
    },
  );
  return { status, ms: performance.now() - started, text };
}

/** The form body of `/pulse <text>` typed in `channel` by `user`. */
export const slashCommandBody = (
  text: string,
  channel = "C1",
  user = "U1",
  responseUrl = "http://127.0.0.1:9/respond",
): string =>
  new URLSearchParams({
    command: "/pulse",
    text,
    channel_id: channel,
    user_id: user,
    team_id: "T1",
    trigger_id: "1",
    response_url: responseUrl,
  }).toString();
