import { createInterface } from "node:readline";
import type { Command } from "commander";
import { parseQuestion } from "../../../src/questions/pipeline.js";
import { todayUtc, validNow } from "../now.js";
import { printJson } from "../output.js";

export function registerParseCommand(program: Command): void {
  program
    .command("parse")
    .description(
      "print how a question is understood, as JSON (no database needed); with no question, one per line from stdin",
    )
    .argument("[question]", "the question")
    .option("--now <date>", "the date questions are asked on (YYYY-MM-DD)", todayUtc())
    .action(async (question: string | undefined, options: { now: string }) => {
      const now = validNow(options.now);
      if (question !== undefined) {
        printJson(parseQuestion(question, now));
        return;
      }
      for await (const line of createInterface({
        input: process.stdin,
        crlfDelay: Number.POSITIVE_INFINITY,
      })) {
        printJson(parseQuestion(line, now));
      }
    });
}
