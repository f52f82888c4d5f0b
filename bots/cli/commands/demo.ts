import type { Command } from "commander";
import { overview } from "../../../src/demo/overview.js";
import { seedDemo } from "../../../src/demo/seed.js";
import { getWorkspace, localDate } from "../../../src/workspace/workspace.js";
import { runChat } from "../../terminal/chat.js";
import type { CliContext } from "../context.js";
import { printLine } from "../output.js";

export function registerDemoCommand(program: Command, cli: CliContext): void {
  program
    .command("demo")
    .description(
      "fill the database with a demo business (two years of a coffee shop), show its key numbers, and open the chat",
    )
    .option("--no-chat", "print the overview and exit")
    .action(async (options: { chat: boolean }) => {
      const pulse = await cli.open();
      try {
        const today = localDate(
          pulse.clock.now(),
          (await getWorkspace(pulse.db, pulse.workspaceId)).timezone,
        );
        const started = performance.now();
        const seeded = await seedDemo(pulse.db, pulse.workspaceId, today, {
          onFile: (s) => printLine(`  ${s.table}: ${s.inserted.toLocaleString("en-US")} rows`),
        });
        const workspace = await getWorkspace(pulse.db, pulse.workspaceId);
        printLine(
          seeded.created
            ? `Created the demo business "${workspace.name}" in ${((performance.now() - started) / 1000).toFixed(1)} s.`
            : `Using the demo business "${workspace.name}" already in the database.`,
        );
        const { range, lines } = await overview(pulse.db, pulse.workspaceId, today);
        printLine(`\n${range} at a glance:`);
        for (const line of lines)
          printLine(
            `  ${line.label.padEnd(20)} ${line.value.padStart(12)}${line.change ? `  ${line.change}` : ""}`,
          );
        printLine("");
        if (options.chat && process.stdin.isTTY) await runChat(pulse);
        else
          printLine(
            'Ask it anything: npx pulse ask "revenue by month this year"   (or npx pulse chat)',
          );
      } finally {
        await pulse.close();
      }
    });
}
