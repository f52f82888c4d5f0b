/**
 * A fake Telegram Bot API on a loopback port. Serves getUpdates from a
 * script, records every call, and checks each one against the published
 * method list (../shared/spec/telegram/bot-api.json): the method exists, its
 * required parameters are there, nothing unknown is sent.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody, waitForCalls } from "./http.js";

export interface TelegramCall {
  method: string;
  params: Record<string, unknown>;
  /** Names of the parameters that were uploaded files. */
  files: string[];
}

export interface FakeTelegram {
  apiRoot: string;
  calls: TelegramCall[];
  /** Problems found when checking calls against the Bot API spec. */
  violations: string[];
  pushUpdate(update: Record<string, unknown>): void;
  waitFor(predicate: (calls: TelegramCall[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

type Spec = Record<string, { fields?: { name: string; required: boolean }[] }>;

const spec: Spec = JSON.parse(
  readFileSync(new URL("../../../shared/spec/telegram/bot-api.json", import.meta.url), "utf8"),
).methods;

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
): Promise<FakeTelegram> {
  const calls: TelegramCall[] = [];
  const violations: string[] = [];
  const updates: Record<string, unknown>[] = [];
  let updateId = 0;
  let messageId = 0;
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
    if (method !== "getUpdates") calls.push({ method, params, files });
    switch (method) {
      case "getMe":
        return send(200, {
          ok: true,
          result: { id: 42, is_bot: true, first_name: "Pulse", username: botUsername },
        });
      case "getUpdates": {
        const offset = Number(params.offset ?? 0);
        const pending = updates.filter((u) => (u.update_id as number) >= offset);
        if (pending.length > 0) return send(200, { ok: true, result: pending });
        // Long polling, shortened: answer empty after a moment.
        await new Promise((r) => setTimeout(r, 50));
        return send(200, { ok: true, result: [] });
      }
      case "sendMessage":
      case "sendPhoto":
        return send(200, {
          ok: true,
          result: {
            message_id: ++messageId,
            date: 0,
            chat: { id: params.chat_id, type: "private" },
            text: params.text,
            caption: params.caption,
          },
        });
      default:
        return send(200, { ok: true, result: true });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiRoot: root,
    calls,
    violations,
    pushUpdate: (update) => {
      updates.push({ update_id: ++updateId, ...update });
    },
    waitFor: (predicate, timeoutMs) => waitForCalls(calls, predicate, timeoutMs),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
