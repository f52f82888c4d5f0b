/**
 * What an operator can read of a running Pulse: counters and histograms in
 * the Prometheus text format (GET /metrics). Labels name kinds, platforms,
 * API methods and tables, never a customer, a user or a question's words:
 * a scrape must be safe to keep in any monitoring system.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Platform, Reply } from "../assistant/types.js";

/** Where rows came in through: the ingest endpoint, a vendor sync, or a file import. */
export type RowSource = "ingest" | "sync" | "import";

export interface Telemetry {
  readonly registry: Registry;
  /** An answer of `kind` given on `platform` after `seconds`. */
  answered(kind: Reply["kind"], platform: Platform, seconds: number): void;
  /** A chat platform's API refused or failed a call (`code`: an HTTP status or the API's error). */
  apiFailed(platform: "slack" | "telegram", method: string, code: string): void;
  /** Whether this process holds the named lease now (the Telegram poller, say). */
  leaseHeld(name: string, held: boolean): void;
  /** Rows written to `table` from `source`. */
  rowsWritten(source: RowSource, table: string, rows: number): void;
}

export function createTelemetry(): Telemetry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "pulse_" });
  const answers = new Counter({
    name: "pulse_answers_total",
    help: "Replies given, by kind (answer, unknown, refused, error, ...) and chat platform",
    labelNames: ["kind", "platform"] as const,
    registers: [registry],
  });
  const refusals = new Counter({
    name: "pulse_refusals_total",
    help: "Questions refused by the access rules, by platform",
    labelNames: ["platform"] as const,
    registers: [registry],
  });
  const unknown = new Counter({
    name: "pulse_unknown_questions_total",
    help: "Messages Pulse could not read as a question or command, by platform",
    labelNames: ["platform"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "pulse_answer_seconds",
    help: "Time from a question reaching the core to its reply, by kind and platform",
    labelNames: ["kind", "platform"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers: [registry],
  });
  const apiErrors = new Counter({
    name: "pulse_platform_api_errors_total",
    help: "Failed chat API calls by platform, method and code (429: rate limited)",
    labelNames: ["platform", "method", "code"] as const,
    registers: [registry],
  });
  const leases = new Gauge({
    name: "pulse_lease_held",
    help: "1 while this process holds the named lease (one holder across processes)",
    labelNames: ["lease"] as const,
    registers: [registry],
  });
  const rows = new Counter({
    name: "pulse_rows_written_total",
    help: "Rows written by source (ingest, sync, import) and table",
    labelNames: ["source", "table"] as const,
    registers: [registry],
  });
  return {
    registry,
    answered(kind, platform, seconds) {
      answers.inc({ kind, platform });
      latency.observe({ kind, platform }, seconds);
      if (kind === "refused") refusals.inc({ platform });
      if (kind === "unknown") unknown.inc({ platform });
    },
    apiFailed: (platform, method, code) => apiErrors.inc({ platform, method, code }),
    leaseHeld: (name, held) => leases.set({ lease: name }, held ? 1 : 0),
    rowsWritten: (source, table, count) => rows.inc({ source, table }, count),
  };
}
