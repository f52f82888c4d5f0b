import type { Command } from "commander";
import { runChat } from "../../terminal/chat.js";
import type { CliContext } from "../context.js";

export function registerChatCommand(program: Command, cli: CliContext): void {
  program
    .command("chat")
    .description("talk to Pulse in the terminal; follow-ups refine the last question")
    .action(async () => {
      const pulse = await cli.open();
      try {
        await runChat(pulse);
      } finally {
        await pulse.close();
      }
    });
}
