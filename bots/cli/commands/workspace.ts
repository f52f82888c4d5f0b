import type { Command } from "commander";
import { scheduleInWords } from "../../../src/alerts/describe.js";
import { moveRulesToZone, rulesInZone } from "../../../src/alerts/rules.js";
import { PulseError } from "../../../src/errors.js";
import {
  churnRuleText,
  getWorkspace,
  updateWorkspace,
  type Workspace,
} from "../../../src/workspace/workspace.js";
import type { CliContext } from "../context.js";
import { printLine } from "../output.js";

const describe = (w: Workspace): string =>
  `${w.id}: ${w.name}, time zone ${w.timezone}, currency ${w.currency}, churn ${
    w.churnAfterDays === null
      ? "only when churned_at is imported"
      : `after ${churnRuleText(w.churnAfterDays)}`
  }`;

/** "90" -> 90, "off" -> null (no window). */
function churnWindow(value: string): number | null {
  if (value.toLowerCase() === "off") return null;
  const days = Number(value);
  if (!/^\d+$/.test(value) || days < 1)
    throw new PulseError(
      "config_invalid",
      `--churn-after-days takes a whole number of days (like 90) or off, got "${value}"`,
    );
  return days;
}

export function registerWorkspaceCommand(program: Command, cli: CliContext): void {
  const workspace = program
    .command("workspace")
    .description("show or change the workspace's name, time zone, currency and churn window");
  workspace
    .command("show")
    .description("print the workspace's settings")
    .action(async () => {
      const pulse = await cli.open({ charts: false });
      try {
        const w = await getWorkspace(pulse.db, pulse.workspaceId);
        printLine(describe(w));
      } finally {
        await pulse.close();
      }
    });
  workspace
    .command("set")
    .description("change settings")
    .option("--name <name>", "the business's name")
    .option(
      "--timezone <zone>",
      "IANA time zone that dates and ranges are read in, e.g. Europe/Helsinki",
    )
    .option("--currency <code>", "ISO 4217 currency, e.g. EUR")
    .option(
      "--churn-after-days <days>",
      "a customer without churned_at churns this many days after their last order (shops); off to stop",
    )
    .option(
      "--move-alerts",
      "with --timezone: move alert schedules to the new zone (09:00 stays 09:00 there)",
    )
    .option("--keep-alerts", "with --timezone: alert schedules stay in the zone they were made in")
    .action(
      async (options: {
        name?: string;
        timezone?: string;
        currency?: string;
        churnAfterDays?: string;
        moveAlerts?: boolean;
        keepAlerts?: boolean;
      }) => {
        const { churnAfterDays, moveAlerts, keepAlerts, ...rest } = options;
        const changes = {
          ...rest,
          ...(churnAfterDays === undefined ? {} : { churnAfterDays: churnWindow(churnAfterDays) }),
        };
        const pulse = await cli.open({ charts: false });
        try {
          const before = await getWorkspace(pulse.db, pulse.workspaceId);
          const moving = rest.timezone && rest.timezone !== before.timezone;
          const affected = moving
            ? await rulesInZone(pulse.db, pulse.workspaceId, before.timezone)
            : [];
          // Each rule keeps its own zone: changing the workspace's asks before moving them.
          if (affected.length > 0 && !moveAlerts && !keepAlerts)
            throw new PulseError(
              "config_invalid",
              `${affected.length} ${affected.length === 1 ? "alert runs" : "alerts run"} in ${before.timezone} (${affected
                .slice(0, 3)
                .map(
                  (r) =>
                    `alert ${r.id}: ${r.schedule ? scheduleInWords(r.schedule, r.timezone) : "as it happens"}`,
                )
                .join(
                  "; ",
                )}). Move them to ${rest.timezone} too? Run again with --move-alerts to move them, or --keep-alerts to keep them in ${before.timezone}. Nothing was changed.`,
            );
          const w = await updateWorkspace(pulse.db, pulse.workspaceId, changes);
          printLine(describe(w));
          if (affected.length > 0 && moveAlerts) {
            await moveRulesToZone(pulse.db, affected, w.timezone, pulse.clock.now());
            printLine(`moved ${affected.length} alert(s) to ${w.timezone}`);
          } else if (affected.length > 0)
            printLine(`${affected.length} alert(s) stay in ${before.timezone}`);
        } finally {
          await pulse.close();
        }
      },
    );
}
