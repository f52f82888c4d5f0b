import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { alertInterpretation } from "../../../src/alerts/chat-commands.js";
import type { Asker, Reply } from "../../../src/assistant/types.js";
import { fixedClock } from "../../../src/clock.js";
import { parseQuestion } from "../../../src/questions/pipeline.js";
import type { CliContext } from "../context.js";
import { noonOf, todayUtc, validNow } from "../now.js";
import { printJson, printLine } from "../output.js";

interface AskOptions {
  now?: string;
  json?: boolean;
  chart?: boolean;
}

/** Saves a reply's chart under the charts folder and returns its path. */
export function saveChart(reply: Reply, dir: string): string | null {
  if ((reply.kind !== "answer" && reply.kind !== "insight") || !reply.chart) return null;
  mkdirSync(dir, { recursive: true });
  const name =
    reply.kind === "answer" ? reply.answerId : `insight-${randomBytes(4).toString("hex")}`;
  const path = join(dir, `${name}.png`);
  writeFileSync(path, reply.chart.png);
  return path;
}

export function registerAskCommand(program: Command, cli: CliContext): void {
  program
    .command("ask")
    .description("answer a question from the database; with no question, one per line from stdin")
    .argument("[question]", "the question")
    .option("--now <date>", "the date questions are asked on (YYYY-MM-DD)")
    .option("--json", "print the interpretation with the answer, text and chart path as JSON")
    .option("--no-chart", "do not draw a chart")
    .action(async (question: string | undefined, options: AskOptions) => {
      const now = options.now ? validNow(options.now) : todayUtc();
      const clock = options.now ? fixedClock(noonOf(now)) : undefined;
      const pulse = await cli.open({
        charts: options.chart !== false,
        ...(clock ? { clock } : {}),
      });
      const asker: Asker = {
        workspaceId: pulse.workspaceId,
        platform: "terminal",
        userId: "cli",
        chatId: "cli",
        isDirect: true,
      };
      let asked = 0;
      // Each question stands alone: no follow-up context between lines (that is `pulse chat`),
      // nor with an earlier `pulse ask`: conversations are stored, so their ids are this run's own.
      const run = randomUUID();
      const answerOne = async (text: string) => {
        const reply = await pulse.assistant.ask({
          conversationId: `cli-ask-${run}-${asked++}`,
          text,
          asker,
        });
        const chart = saveChart(reply, pulse.config.chartsDir);
        if (options.json) {
          const interpretation =
            reply.kind === "answer" || reply.kind === "insight"
              ? reply.interpretation
              : reply.kind === "unknown" && reply.interpretation
                ? reply.interpretation
                : // A command ("alert me when churn goes above 5%") is no question: only its intent is printed.
                  reply.kind === "notice"
                  ? alertInterpretation
                  : parseQuestion(text, now);
          printJson({
            ...interpretation,
            answer:
              reply.kind === "answer"
                ? reply.data
                : reply.kind === "insight"
                  ? (reply.data ?? null)
                  : null,
            text: reply.text,
            chart,
          });
        } else {
          printLine(reply.text);
          if (reply.kind === "answer") printLine(`(${reply.footnote})`);
          if (chart) printLine(`chart: ${chart}`);
        }
        return reply;
      };
      try {
        if (question !== undefined) {
          const reply = await answerOne(question);
          if (reply.kind === "error") process.exitCode = 1;
        } else {
          for await (const line of createInterface({
            input: process.stdin,
            crlfDelay: Number.POSITIVE_INFINITY,
          })) {
            await answerOne(line);
          }
        }
      } finally {
        await pulse.close();
      }
    });
}
