/**
 * Everything an operator reads of one Pulse, built in one place for
 * `openPulse` and the test harnesses alike: the telemetry (with the
 * database's gauges), the readiness checks of the database, and the
 * assistant counted and timed.
 */
import type { Database } from "../../db/client.js";
import type { Assistant } from "../assistant/types.js";
import type { Clock } from "../clock.js";
import { registerDatabaseGauges } from "./database-gauges.js";
import { meteredAssistant } from "./metered-assistant.js";
import { createReadiness, databaseProbes, type Readiness } from "./readiness.js";
import { createTelemetry, type Telemetry } from "./telemetry.js";

export function observe(
  db: Database,
  clock: Clock,
  assistant: Assistant,
): { telemetry: Telemetry; readiness: Readiness; assistant: Assistant } {
  const telemetry = createTelemetry();
  registerDatabaseGauges(telemetry.registry, db, clock);
  const readiness = createReadiness();
  for (const [name, probe] of Object.entries(databaseProbes(db))) readiness.register(name, probe);
  return { telemetry, readiness, assistant: meteredAssistant(assistant, telemetry) };
}
