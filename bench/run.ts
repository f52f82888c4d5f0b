/**
 * `npm run bench`: every benchmark of the project, one after the other,
 * each printing its numbers and ratios. `--quick` runs smaller sizes.
 */
import { benchAlertIsolation, benchAlerts } from "./alerts.js";
import { benchCharts } from "./charts.js";
import { benchCore } from "./core.js";
import { benchNl } from "./nl.js";
import { inFreshProcess } from "./process.js";
import { benchSurveys } from "./surveys.js";
import { benchSync } from "./sync.js";
import { benchTelegramTaps } from "./telegram-taps.js";

const quick = process.argv.includes("--quick");

await benchCore(quick ? { customers: 10_000, orders: 100_000, scale: false } : {});
await benchNl();
await benchCharts();
// Latencies of a few milliseconds are measured there: not beside the heap the core benchmark left.
await inFreshProcess("slack.js");
await benchSurveys(quick ? 1_000 : undefined);
await benchTelegramTaps();
await benchTelegramTaps(300, 10);
await benchAlertIsolation();
await benchAlerts(quick ? 200 : 1000);
await benchSync();
