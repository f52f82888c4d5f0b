/**
 * A firing's message as stored in alert_firings.message (JSON, with chart
 * images as base64) and back, so a retry or another process sends exactly
 * what was evaluated.
 */
import type { ChartImage, Reply } from "../assistant/types.js";
import type { AlertMessage } from "./types.js";

type StoredChart = Omit<ChartImage, "png"> & { png: string };

const chartOf = (reply: Reply): ChartImage | null =>
  "chart" in reply && reply.chart ? reply.chart : null;

export function storeMessage(message: AlertMessage): string {
  return JSON.stringify({
    ...message,
    replies: message.replies.map((r) => {
      const chart = chartOf(r);
      return chart ? { ...r, chart: { ...chart, png: chart.png.toString("base64") } } : r;
    }),
  });
}

export function loadMessage(stored: unknown): AlertMessage {
  const raw = (typeof stored === "string" ? JSON.parse(stored) : stored) as AlertMessage;
  return {
    ...raw,
    replies: raw.replies.map((r) => {
      const chart = chartOf(r) as StoredChart | null;
      return chart
        ? ({ ...r, chart: { ...chart, png: Buffer.from(chart.png, "base64") } } as Reply)
        : r;
    }),
  };
}
