import type { Command } from "commander";
import { getWorkspace, updateWorkspace } from "../../../src/workspace/workspace.js";
import type { CliContext } from "../context.js";
import { printLine } from "../output.js";

export function registerWorkspaceCommand(program: Command, cli: CliContext): void {
  const workspace = program
    .command("workspace")
    .description("show or change the workspace's name, time zone and currency");
  workspace
    .command("show")
    .description("print the workspace's settings")
    .action(async () => {
      const pulse = await cli.open({ charts: false });
      try {
        const w = await getWorkspace(pulse.db, pulse.workspaceId);
        printLine(`${w.id}: ${w.name}, time zone ${w.timezone}, currency ${w.currency}`);
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
    .action(async (options: { name?: string; timezone?: string; currency?: string }) => {
      const pulse = await cli.open({ charts: false });
      try {
        const w = await updateWorkspace(pulse.db, pulse.workspaceId, options);
        printLine(`${w.id}: ${w.name}, time zone ${w.timezone}, currency ${w.currency}`);
      } finally {
        await pulse.close();
      }
    });
}
