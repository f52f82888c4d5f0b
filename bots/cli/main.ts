/** The `pulse` command line: one file per command family, each a thin call into the core. */
import { existsSync } from "node:fs";
import { Command } from "commander";
import { type CliContext, createCliContext } from "./context.js";
import { reportFailure } from "./output.js";

type Env = Record<string, string | undefined>;
type Register = (program: Command, cli: CliContext, env: Env) => void;

/**
 * Each command's module, in the order help lists them, loaded only for the command that runs
 * (every one for help or a name it does not know): `pulse query` pays for no chat adapter,
 * no chart and no language model.
 */
const commands: Record<string, () => Promise<Register>> = {
  demo: async () => (await import("./commands/demo.js")).registerDemoCommand,
  chat: async () => (await import("./commands/chat.js")).registerChatCommand,
  ask: async () => (await import("./commands/ask.js")).registerAskCommand,
  parse: async () => (await import("./commands/parse.js")).registerParseCommand,
  sentiment: async () => (await import("./commands/sentiment.js")).registerSentimentCommand,
  query: async () => (await import("./commands/query.js")).registerQueryCommand,
  import: async () => (await import("./commands/import.js")).registerImportCommand,
  workspace: async () => (await import("./commands/workspace.js")).registerWorkspaceCommand,
  gallery: async () => (await import("./commands/gallery.js")).registerGalleryCommand,
  access: async () => (await import("./commands/access.js")).registerAccessCommand,
  serve: async () => (await import("./commands/serve.js")).registerServeCommand,
  survey: async () => (await import("./commands/survey.js")).registerSurveyCommand,
  alert: async () => (await import("./commands/alert.js")).registerAlertCommand,
  model: async () => (await import("./commands/model.js")).registerModelCommand,
  sync: async () => (await import("./commands/sync.js")).registerSyncCommand,
};

/** The program for `argv` (process.argv): with only its command registered when it names one. */
export async function buildProgram(env: Env, argv: readonly string[] = []): Promise<Command> {
  const cli = createCliContext(env);
  const program = new Command("pulse")
    .description("Pulse: CRM analytics you can ask in plain English")
    .showHelpAfterError()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  const named = argv[2];
  const loads =
    named !== undefined && Object.hasOwn(commands, named)
      ? [commands[named]!]
      : Object.values(commands);
  for (const register of await Promise.all(loads.map((load) => load())))
    register(program, cli, env);
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
    await (await buildProgram(process.env, argv)).parseAsync(argv);
  } catch (error) {
    process.exitCode = reportFailure(error);
  }
}
