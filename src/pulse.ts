/**
 * The composition root of the core: one open database, one clock, one
 * logger, the assistant the adapters talk to. Adapters receive a Pulse; they
 * never open the database themselves.
 */
import type { Database } from "../db/client.js";
import type { Assistant } from "./assistant/types.js";
import type { Clock } from "./clock.js";
import type { Config } from "./config/config.js";
import type { Logger } from "./logger.js";
import type { Readiness } from "./observability/readiness.js";
import type { Telemetry } from "./observability/telemetry.js";

export interface Pulse {
  readonly config: Config;
  readonly db: Database;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The workspace this process serves (PULSE_WORKSPACE, default "default"). */
  readonly workspaceId: string;
  readonly assistant: Assistant;
  /** Counters and histograms for GET /metrics (never a person's name or words in a label). */
  readonly telemetry: Telemetry;
  /** What GET /readyz checks: the database, migrations, and each part that started. */
  readonly readiness: Readiness;
  close(): Promise<void>;
}
