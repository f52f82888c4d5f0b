import { createInterface } from "node:readline";
import type { Command } from "commander";
import { analyseSentiment } from "../../../src/sentiment/score.js";
import { printJson, printLine } from "../output.js";

export function registerSentimentCommand(program: Command): void {
  program
    .command("sentiment")
    .description(
      "score the sentiment of a text (-1..1) and name its language (no database needed); with no text, one per line from stdin",
    )
    .argument("[text]", "the text")
    .option(
      "--lang <code>",
      "the text's language (en, fi, pt, fa, hy, ka, am); detected when absent",
    )
    .option("--json", 'print {"score", "language"} as JSON')
    .action(async (text: string | undefined, options: { lang?: string; json?: boolean }) => {
      const print = (line: string) => {
        const result = analyseSentiment(line, { language: options.lang });
        if (options.json) printJson(result);
        else printLine(result.score === null ? "no score" : `${result.score} (${result.language})`);
      };
      if (text !== undefined) {
        print(text);
        return;
      }
      for await (const line of createInterface({
        input: process.stdin,
        crlfDelay: Number.POSITIVE_INFINITY,
      })) {
        print(line);
      }
    });
}
