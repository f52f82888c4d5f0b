import type { Command } from "commander";
import { demoGallery } from "../../../src/demo/gallery.js";
import { seedDemo } from "../../../src/demo/seed.js";
import { getWorkspace, localDate } from "../../../src/workspace/workspace.js";
import type { CliContext } from "../context.js";
import { printLine } from "../output.js";

export function registerGalleryCommand(program: Command, cli: CliContext): void {
  program
    .command("gallery")
    .description("draw every kind of chart from the demo business into a folder (docs/gallery)")
    .argument("[dir]", "where to write the PNG files", "docs/gallery")
    .action(async (dir: string) => {
      const pulse = await cli.open();
      try {
        const today = localDate(
          pulse.clock.now(),
          (await getWorkspace(pulse.db, pulse.workspaceId)).timezone,
        );
        await seedDemo(pulse.db, pulse.workspaceId, today);
        for (const path of await demoGallery(pulse.db, pulse.assistant, pulse.workspaceId, dir))
          printLine(path);
      } finally {
        await pulse.close();
      }
    });
}
