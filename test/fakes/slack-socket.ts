/**
 * A fake Socket Mode endpoint: the WebSocket server Slack hands out through
 * apps.connections.open. It greets each connection with `hello`, pushes
 * envelopes (slash commands, events, interactions) and times the ack that
 * each must get back within 3 seconds.
 */
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export type EnvelopeType = "slash_commands" | "events_api" | "interactive";

export interface FakeSocketMode {
  url: string;
  /** Resolves once a client is connected and greeted. */
  connected(): Promise<void>;
  /** Sends an envelope; resolves with the ack's delay when the client acks it. */
  push(type: EnvelopeType, payload: Record<string, unknown>): Promise<{ ackMs: number }>;
  close(): Promise<void>;
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const waiting = new Map<string, (ackMs: number) => void>();
  let client: WebSocket | null = null;
  let greeted: () => void = () => {};
  const greeting = new Promise<void>((resolve) => {
    greeted = resolve;
  });
  let envelopes = 0;
  server.on("connection", (socket) => {
    client = socket;
    socket.on("message", (data) => {
      const { envelope_id: id } = JSON.parse(String(data)) as { envelope_id?: string };
      if (id) waiting.get(id)?.(performance.now());
    });
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        connection_info: { app_id: "A1" },
        debug_info: { host: "fake", approximate_connection_time: 3600 },
      }),
    );
    greeted();
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`,
    connected: () => greeting,
    push(type, payload) {
      const envelopeId = `env-${++envelopes}`;
      const sent = performance.now();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${envelopeId} not acked in 3 s`)), 3000);
        waiting.set(envelopeId, (at) => {
          clearTimeout(timer);
          waiting.delete(envelopeId);
          resolve({ ackMs: at - sent });
        });
        client!.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: type !== "events_api",
            retry_attempt: 0,
            retry_reason: "",
          }),
        );
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of server.clients) socket.close(1000);
        server.close(() => resolve());
      }),
  };
}
