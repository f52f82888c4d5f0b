/**
 * A fake Slack Web API on a loopback port: records every call, answers like
 * Slack, hands out upload URLs that point back at itself, and can be told to
 * answer a method with a 429 (Retry-After), a 500 (with or without the
 * call taking effect) or an error. Posted
 * messages (and uploaded files, as Slack shows them: a message with the file)
 * are kept per channel and thread for conversations.history and
 * conversations.replies.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody, waitForCalls } from "./http.js";

export interface SlackCall {
  method: string;
  params: Record<string, unknown>;
  /** When the call arrived (performance.now()). */
  at: number;
}

export interface FakeSlack {
  /** Base URL for SLACK_API_URL. */
  apiUrl: string;
  calls: SlackCall[];
  uploads: Buffer[];
  /** What the workspace shows: every message posted (files as messages carrying them), oldest first. */
  posted: SlackMessage[];
  /** A slash command's response_url: what Pulse posts there is recorded as method "response_url". */
  responseUrl: string;
  /** The workspace's channels conversations.list answers with (#sales is C0SALES, #general C1); a test adds more. */
  channels: { id: string; name: string }[];
  /** What apps.connections.open hands out: the Socket Mode WebSocket URL (see slack-socket.ts). */
  socketModeUrl: string;
  /** Fails the next call(s) of `method` (those `match` accepts), `times` in a row (default once). */
  failNext(method: string, failure: SlackFailure): void;
  waitFor(predicate: (calls: SlackCall[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface SlackMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: unknown;
  metadata?: { event_type?: string; event_payload?: { key?: string } };
  files?: { id: string; name: string }[];
}

export type SlackFailure = (
  | { status: 429; retryAfter: number }
  /** `stored`: the call takes effect (the message is posted) and is answered 500 all the same. */
  | { status: 500; stored?: boolean }
  | { error: string }
  /** Never answered: the caller waits as on a Slack that stopped mid-request. */
  | { hold: true }
) & { times?: number; match?: (params: Record<string, unknown>) => boolean };

function parseParams(body: Buffer, type: string | undefined): Record<string, unknown> {
  const text = body.toString("utf8");
  if (type?.includes("application/json")) return text ? JSON.parse(text) : {};
  const params: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    try {
      params[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      params[k] = v;
    }
  }
  return params;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const uploads: Buffer[] = [];
  const posted: SlackMessage[] = [];
  const failures: (SlackFailure & { method: string })[] = [];
  const fileNames = new Map<string, string>();
  const channels = [
    { id: "C1", name: "general" },
    { id: "C0SALES", name: "sales" },
  ];
  let ts = 1_700_000_000;
  let files = 0;
  let base = "";
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = req.url ?? "";
    if (url.startsWith("/upload/")) {
      uploads.push(body);
      res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${body.length}`);
      return;
    }
    const method = url.startsWith("/respond")
      ? "response_url"
      : url.replace(/^\/api\//, "").split("?")[0]!;
    const params = parseParams(body, req.headers["content-type"]);
    calls.push({ method, params, at: performance.now() });
    const failure = failures.find((f) => f.method === method && (f.match?.(params) ?? true));
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) failures.splice(failures.indexOf(failure), 1);
      if ("hold" in failure) return;
    }
    const storedAnyway = failure && "stored" in failure && failure.stored === true;
    if (failure && !storedAnyway) {
      if ("status" in failure && failure.status === 500) {
        res.writeHead(500, { "content-type": "text/plain" }).end("internal error");
      } else if ("status" in failure) {
        res
          .writeHead(429, {
            "retry-after": String(failure.retryAfter),
            "content-type": "application/json",
          })
          .end(JSON.stringify({ ok: false, error: "ratelimited" }));
      } else {
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ ok: false, error: failure.error }));
      }
      return;
    }
    let answer: Record<string, unknown> = { ok: true };
    switch (method) {
      case "apps.connections.open":
        answer = { ok: true, url: fake.socketModeUrl };
        break;
      case "auth.test":
        answer = { ok: true, user_id: "UPULSE", bot_id: "BPULSE", team_id: "T1", user: "pulse" };
        break;
      case "chat.postMessage":
        answer = {
          ok: true,
          channel: params.channel,
          ts: `${++ts}.000100`,
          message: { text: params.text },
        };
        posted.push({
          channel: String(params.channel),
          ts: `${ts}.000100`,
          ...(params.thread_ts ? { thread_ts: String(params.thread_ts) } : {}),
          text: params.text,
          ...(params.metadata ? { metadata: params.metadata as SlackMessage["metadata"] } : {}),
        });
        break;
      case "conversations.list":
        // One page: a test workspace has few channels.
        answer = {
          ok: true,
          channels: channels.map((c) => ({ ...c, is_channel: true, is_archived: false })),
          response_metadata: { next_cursor: "" },
        };
        break;
      case "conversations.history":
        // Newest first, as Slack answers; metadata is kept as it was posted; thread replies are not in it.
        answer = {
          ok: true,
          messages: posted.filter((m) => m.channel === params.channel && !m.thread_ts).reverse(),
          has_more: false,
        };
        break;
      case "conversations.replies":
        // The parent first, then its replies oldest first, as Slack answers.
        answer = {
          ok: true,
          messages: posted.filter(
            (m) =>
              m.channel === params.channel && (m.ts === params.ts || m.thread_ts === params.ts),
          ),
          has_more: false,
        };
        break;
      case "files.getUploadURLExternal":
        files++;
        fileNames.set(`F${files}`, String(params.filename ?? "file"));
        answer = { ok: true, upload_url: `${base}/upload/F${files}`, file_id: `F${files}` };
        break;
      case "files.completeUploadExternal": {
        const shared = ((params.files as { id: string }[] | undefined) ?? []).map((f) => ({
          id: f.id,
          name: fileNames.get(f.id) ?? "file",
        }));
        // Shared into a channel (or thread), a file shows as a message carrying it.
        if (params.channel_id)
          posted.push({
            channel: String(params.channel_id),
            ts: `${++ts}.000100`,
            ...(params.thread_ts ? { thread_ts: String(params.thread_ts) } : {}),
            text: "",
            files: shared,
          });
        answer = { ok: true, files: shared };
        break;
      }
    }
    if (storedAnyway) res.writeHead(500, { "content-type": "text/plain" }).end("internal error");
    else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeSlack = {
    apiUrl: `${base}/api/`,
    responseUrl: `${base}/respond`,
    socketModeUrl: "",
    calls,
    uploads,
    posted,
    channels,
    failNext: (method, failure) => {
      failures.push({ ...failure, method });
    },
    waitFor: (predicate, timeoutMs) => waitForCalls(calls, predicate, timeoutMs),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Requests held open (a `hold` failure) would keep the server from closing.
        server.closeAllConnections();
      }),
  };
  return fake;
}
