/** The `pulse` command line: one file per command family, each a thin call into the core. */
import { existsSync } from "node:fs";
import { Command } from "commander";
import { registerAccessCommand } from "./commands/access.js";
import { registerAlertCommand } from "./commands/alert.js";
import { registerAskCommand } from "./commands/ask.js";
import { registerChatCommand } from "./commands/chat.js";
import { registerDemoCommand } from "./commands/demo.js";
import { registerGalleryCommand } from "./commands/gallery.js";
import { registerImportCommand } from "./commands/import.js";
import { registerModelCommand } from "./commands/model.js";
import { registerParseCommand } from "./commands/parse.js";
import { registerQueryCommand } from "./commands/query.js";
import { registerSentimentCommand } from "./commands/sentiment.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerSurveyCommand } from "./commands/survey.js";
import { registerSyncCommand } from "./commands/sync.js";
import { registerWorkspaceCommand } from "./commands/workspace.js";
import { createCliContext } from "./context.js";
import { reportFailure } from "./output.js";

export function buildProgram(env: Record<string, string | undefined>): Command {
  const cli = createCliContext(env);
  const program = new Command("pulse")
    .description("Pulse: CRM analytics you can ask in plain English")
    .showHelpAfterError()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerDemoCommand(program, cli);
  registerChatCommand(program, cli);
  registerAskCommand(program, cli);
  registerParseCommand(program, cli, env);
  registerSentimentCommand(program);
  registerQueryCommand(program, cli);
  registerImportCommand(program, cli);
  registerWorkspaceCommand(program, cli);
  registerGalleryCommand(program, cli);
  registerAccessCommand(program, cli);
  registerServeCommand(program, cli);
  registerSurveyCommand(program, cli);
  registerAlertCommand(program, cli);
  registerModelCommand(program, cli);
  registerSyncCommand(program, cli);
  return program;
}

/** `pulse ask ... | head`: a reader that stops early ends the command quietly, as SIGPIPE would. */
function endQuietlyOnClosedPipe(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
}

export async function main(argv: string[]): Promise<void> {
  endQuietlyOnClosedPipe();
  try {
    // `.env` in the working directory, when there is one; Node's loader
    // never overrides a variable that is already set.
    if (existsSync(".env")) process.loadEnvFile(".env");
    await buildProgram(process.env).parseAsync(argv);
  } catch (error) {
    process.exitCode = reportFailure(error);
  }
}
