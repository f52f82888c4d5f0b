import type { Command } from "commander";
import { changeWorkspaceZone, zoneQuestion } from "../../../src/alerts/zone.js";
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
  }${w.calendar === "gregorian" ? "" : `, ${w.calendar} calendar`}`;

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
      "--calendar <calendar>",
      "the calendar relative words follow (last month, this year): gregorian, persian or ethiopian",
    )
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
        calendar?: string;
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
          const { timezone, ...others } = changes;
          if (timezone !== undefined) {
            const choice = moveAlerts ? "move" : keepAlerts ? "keep" : "ask";
            const zone = await changeWorkspaceZone(
              pulse.db,
              pulse.workspaceId,
              timezone,
              choice,
              pulse.clock.now(),
            );
            // Each rule keeps its own zone: changing the workspace's asks before moving them.
            if (zone.kind === "asked")
              throw new PulseError(
                "config_invalid",
                zoneQuestion(zone, {
                  move: "Run again with --move-alerts",
                  keep: "--keep-alerts",
                }),
              );
            if (zone.moved > 0)
              printLine(`moved ${zone.moved} alert(s) to ${zone.workspace.timezone}`);
            if (zone.kept > 0) printLine(`${zone.kept} alert(s) stay in ${zone.from}`);
          }
          const w = await updateWorkspace(pulse.db, pulse.workspaceId, others);
          printLine(describe(w));
        } finally {
          await pulse.close();
        }
      },
    );
}
