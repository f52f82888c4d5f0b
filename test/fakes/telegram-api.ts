/**
 * A fake Telegram Bot API on a loopback port. Serves getUpdates from a
 * script, records every call, and checks each one against the published
 * method list (test/fixtures/telegram/bot-api.json): the method exists, its
 * required parameters are there, nothing unknown is sent. Can be scripted to
 * fail calls (429 with retry_after, 403 blocked) and to enforce a rate limit
 * on sending the way Telegram does (429 beyond it).
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody, waitForCalls } from "./http.js";

export interface TelegramCall {
  method: string;
  params: Record<string, unknown>;
  /** Names of the parameters that were uploaded files. */
  files: string[];
  /** When it arrived (performance.now()). */
  at: number;
  /** The HTTP status answered: 200, or the scripted or rate-limit error. */
  status: number;
  /** The id of the message a send answered with (what a reply to it names). */
  messageId?: number;
}

/** A scripted failure: the next call it matches is answered with this error (once per `times`). */
export interface ScriptedFailure {
  match: (call: { method: string; params: Record<string, unknown> }) => boolean;
  errorCode: 403 | 429 | 400 | 500;
  description: string;
  retryAfter?: number;
  times?: number;
  /** The connection is cut instead of answered (ECONNRESET at the caller). */
  reset?: boolean;
}

export interface FakeTelegramOptions {
  /** Sends (send* methods) accepted per sliding second; beyond it 429 with retry_after 1. */
  sendsPerSecond?: number;
  /** A webhook set before (by an earlier run in webhook mode): getUpdates is refused until deleteWebhook. */
  webhookUrl?: string;
}

export interface FakeTelegram {
  apiRoot: string;
  calls: TelegramCall[];
  /** Problems found when checking calls against the Bot API spec. */
  violations: string[];
  /** Queues an update for getUpdates; returns its update_id. */
  pushUpdate(update: Record<string, unknown>): number;
  /** Fails the next matching call(s) as scripted. */
  fail(failure: ScriptedFailure): void;
  /** 429s answered by the rate limit. */
  readonly rateLimited: number;
  /** getUpdates calls answered 409 because another one was still waiting (two pollers). */
  readonly conflicts: number;
  /** The webhook Telegram would POST updates to (setWebhook, deleteWebhook); "" when none. */
  readonly webhookUrl: string;
  waitFor(predicate: (calls: TelegramCall[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

type Spec = Record<string, { fields?: { name: string; required: boolean }[] }>;

// From test/fakes in the source tree, or dist/test/fakes when compiled (benchmarks).
const specFile = ["../", "../../../test/"]
  .map((up) => new URL(`${up}fixtures/telegram/bot-api.json`, import.meta.url))
  .find((url) => existsSync(url));
if (!specFile) throw new Error("cannot find test/fixtures/telegram/bot-api.json");
const spec: Spec = JSON.parse(readFileSync(specFile, "utf8")).methods;

/**
 * multipart/form-data as grammY writes it (compact headers such as
 * `content-disposition:form-data;name="x"`, which stricter parsers refuse,
 * and files referenced as `attach://<part>`).
 */
function parseMultipart(
  body: Buffer,
  boundary: string,
): { params: Record<string, unknown>; files: string[] } {
  const fields = new Map<string, { value: Buffer; filename: string | null }>();
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length + 2; // after the CRLF
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const part = body.subarray(start, next - 2); // before the CRLF
    const split = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, split).toString("utf8");
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1] ?? null;
    if (name) fields.set(name, { value: part.subarray(split + 4), filename });
    at = next;
  }
  const params: Record<string, unknown> = {};
  const files: string[] = [];
  // Parts named by an attach:// reference are file contents, not parameters.
  const attachedParts = new Set(
    [...fields.values()]
      .map((f) => /^attach:\/\/(.+)$/.exec(f.value.toString("utf8"))?.[1])
      .filter((n): n is string => n !== undefined),
  );
  for (const [name, { value, filename }] of fields) {
    if (filename !== null || attachedParts.has(name)) continue;
    const text = value.toString("utf8");
    const attached = /^attach:\/\/(.+)$/.exec(text);
    if (attached && fields.has(attached[1]!)) {
      params[name] = fields.get(attached[1]!)!.value;
      files.push(name);
      continue;
    }
    try {
      params[name] = JSON.parse(text);
    } catch {
      params[name] = text;
    }
  }
  return { params, files };
}

async function parseBody(
  req: IncomingMessage,
  body: Buffer,
): Promise<{ params: Record<string, unknown>; files: string[] }> {
  const type = req.headers["content-type"] ?? "";
  const boundary = /boundary=(.+)$/.exec(type)?.[1];
  if (type.includes("multipart/form-data") && boundary) return parseMultipart(body, boundary);
  return { params: body.length > 0 ? JSON.parse(body.toString("utf8")) : {}, files: [] };
}

export async function startFakeTelegram(
  token: string,
  botUsername = "pulse_test_bot",
  options: FakeTelegramOptions = {},
): Promise<FakeTelegram> {
  const calls: TelegramCall[] = [];
  const failures: ScriptedFailure[] = [];
  const recentSends: number[] = [];
  let rateLimited = 0;
  let conflicts = 0;
  let polling = 0;
  let webhookUrl = options.webhookUrl ?? "";
  const violations: string[] = [];
  const updates: Record<string, unknown>[] = [];
  let updateId = 0;
  let messageId = 0;
  /** The Message a send* method answers with. */
  const sentMessage = (
    call: TelegramCall,
    params: Record<string, unknown>,
    content: Record<string, unknown>,
  ) => {
    call.messageId = ++messageId;
    return {
      message_id: messageId,
      date: 0,
      chat: { id: params.chat_id, type: "private" },
      ...content,
    };
  };
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const match = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? "");
    const send = (status: number, payload: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
    if (!match || match[1] !== token)
      return send(401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = match[2]!;
    let parsed: { params: Record<string, unknown>; files: string[] };
    try {
      parsed = await parseBody(req, body);
    } catch (error) {
      violations.push(`${method}: unreadable body (${(error as Error).message})`);
      return send(400, { ok: false, error_code: 400, description: "Bad Request: unreadable body" });
    }
    const { params, files } = parsed;
    const definition = spec[method];
    if (!definition) violations.push(`unknown method ${method}`);
    else {
      const fields = definition.fields ?? [];
      for (const f of fields)
        if (f.required && !(f.name in params)) violations.push(`${method}: missing ${f.name}`);
      for (const name of Object.keys(params))
        if (!fields.some((f) => f.name === name))
          violations.push(`${method}: unknown parameter ${name}`);
    }
    const call: TelegramCall = { method, params, files, at: performance.now(), status: 200 };
    if (method !== "getUpdates") calls.push(call);
    const failure = failures.find((f) => f.match(call));
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) failures.splice(failures.indexOf(failure), 1);
      call.status = failure.errorCode;
      if (failure.reset) return void req.socket.destroy();
      return send(failure.errorCode, {
        ok: false,
        error_code: failure.errorCode,
        description: failure.description,
        ...(failure.retryAfter !== undefined
          ? { parameters: { retry_after: failure.retryAfter } }
          : {}),
      });
    }
    if (options.sendsPerSecond !== undefined && method.startsWith("send")) {
      while (recentSends.length > 0 && call.at - recentSends[0]! >= 1000) recentSends.shift();
      if (recentSends.length >= options.sendsPerSecond) {
        rateLimited++;
        call.status = 429;
        return send(429, {
          ok: false,
          error_code: 429,
          description: "Too Many Requests: retry after 1",
          parameters: { retry_after: 1 },
        });
      }
      recentSends.push(call.at);
    }
    switch (method) {
      case "getMe":
        return send(200, {
          ok: true,
          result: { id: 42, is_bot: true, first_name: "Pulse", username: botUsername },
        });
      case "setWebhook":
        webhookUrl = String(params.url);
        return send(200, { ok: true, result: true });
      case "deleteWebhook":
        webhookUrl = "";
        return send(200, { ok: true, result: true });
      case "getUpdates": {
        // As Telegram: a bot with a webhook cannot be polled.
        if (webhookUrl !== "")
          return send(409, {
            ok: false,
            error_code: 409,
            description:
              "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
          });
        // Telegram allows one getUpdates consumer per bot at a time.
        if (polling > 0) {
          conflicts++;
          return send(409, {
            ok: false,
            error_code: 409,
            description: "Conflict: terminated by other getUpdates request",
          });
        }
        // As Telegram: an update is confirmed, and forgotten, once getUpdates asks from past it
        // (a poller taking over gets only what the last one did not confirm).
        const offset = Number(params.offset ?? 0);
        while (updates.length > 0 && (updates[0]!.update_id as number) < offset) updates.shift();
        const pending = [...updates];
        if (pending.length > 0) return send(200, { ok: true, result: pending });
        // Long polling, shortened: answer empty after a moment.
        polling++;
        await new Promise((r) => setTimeout(r, 50));
        polling--;
        return send(200, { ok: true, result: [] });
      }
      case "sendMessage":
      case "sendPhoto":
      case "sendDocument":
        return send(200, {
          ok: true,
          result: sentMessage(call, params, { text: params.text, caption: params.caption }),
        });
      case "sendPoll":
        return send(200, {
          ok: true,
          result: sentMessage(call, params, {
            poll: {
              id: `poll${messageId}`,
              question: params.question,
              options: (params.options as { text: string }[]).map((o) => ({
                text: o.text,
                voter_count: 0,
              })),
              total_voter_count: 0,
              is_closed: false,
              is_anonymous: params.is_anonymous ?? true,
              type: "regular",
              allows_multiple_answers: false,
            },
          }),
        });
      default:
        return send(200, { ok: true, result: true });
    }
  });
  // Idle keep-alive sockets stay open: a client reusing one the server had timed out gets
  // ECONNRESET, a network error the tests would then have to wait out.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiRoot: root,
    calls,
    violations,
    pushUpdate: (update) => {
      updates.push({ update_id: ++updateId, ...update });
      return updateId;
    },
    fail: (failure) => {
      failures.push(failure);
    },
    get rateLimited() {
      return rateLimited;
    },
    get conflicts() {
      return conflicts;
    },
    get webhookUrl() {
      return webhookUrl;
    },
    waitFor: (predicate, timeoutMs) => waitForCalls(calls, predicate, timeoutMs),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
