/**
 * `pulse chat`: the terminal adapter. A REPL with history where follow-ups
 * refine the previous question, charts are saved as PNG and their path printed.
 */
import { createInterface } from "node:readline";
import type { Asker } from "../../src/assistant/types.js";
import type { Pulse } from "../../src/pulse.js";
import { saveChart } from "../cli/commands/ask.js";

const greeting =
  'Ask about your business in plain English ("what was churn last month?"). Type "help" for ideas, "exit" to leave.';

export async function runChat(
  pulse: Pulse,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const terminal = (output as NodeJS.WriteStream).isTTY === true;
  const rl = createInterface({ input, output, terminal, historySize: 200 });
  const asker: Asker = {
    workspaceId: pulse.workspaceId,
    platform: "terminal",
    userId: "terminal",
    chatId: "terminal",
    isDirect: true,
  };
  const write = (text: string) => output.write(`${text}\n`);
  write(greeting);
  rl.setPrompt("pulse> ");
  rl.prompt();
  try {
    // The async iterator buffers lines, so piped input is read whole even while an answer is computed.
    for await (const line of rl) {
      const text = line.trim();
      if (["exit", "quit", "bye", ":q"].includes(text.toLowerCase())) break;
      if (text !== "") {
        const reply = await pulse.assistant.ask({ conversationId: "terminal", text, asker });
        write(reply.text);
        if (reply.kind === "answer") {
          write(`  ${reply.footnote}`);
          const chart = saveChart(reply, pulse.config.chartsDir);
          if (chart) write(`  chart: ${chart}`);
        }
        if (reply.kind === "help") for (const example of reply.examples) write(`  • ${example}`);
        if (reply.kind === "insight") {
          const chart = saveChart(reply, pulse.config.chartsDir);
          if (chart) write(`  chart: ${chart}`);
        }
      }
      rl.prompt();
    }
  } finally {
    rl.close();
  }
}
