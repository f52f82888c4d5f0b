/**
 * One Pulse process running only the alert scheduler, for the benchmark that
 * kills such processes with SIGKILL at random (bench/alerts.ts).
 * Configured like `pulse serve` through the environment; the lease is short
 * so a killed worker's firings are taken over within seconds.
 */
import { startAlertScheduler } from "../bots/alerts/start.js";
import { createConfig } from "../src/config/config.js";
import { createLogger } from "../src/logger.js";
import { openPulse } from "../src/open-pulse.js";

const config = createConfig(process.env);
const pulse = await openPulse(config, { charts: false, logger: createLogger("warn") });
const scheduler = await startAlertScheduler(pulse, {
  intervalMs: 50,
  leaseMs: Number(process.env.ALERT_LEASE_MS ?? 3000),
});
process.stdout.write("ready\n");
process.on("SIGTERM", async () => {
  await scheduler.stop();
  await pulse.close();
  process.exit(0);
});
