import type { Command } from "commander";
import { fixedClock } from "../../../src/clock.js";
import { PulseError } from "../../../src/errors.js";
import { topCoefficients } from "../../../src/risk/churn-model.js";
import { trainAndStoreChurnModel } from "../../../src/risk/churn-risk.js";
import { loadChurnModel } from "../../../src/risk/model-store.js";
import { scoreCustomers } from "../../../src/risk/score.js";
import type { CliContext } from "../context.js";
import { noonOf, validNow } from "../now.js";
import { printLine } from "../output.js";

const signed = (n: number) => `${n >= 0 ? "+" : ""}${n.toFixed(3)}`;

export function registerModelCommand(program: Command, cli: CliContext): void {
  const open = (now: string | undefined) =>
    cli.open({ charts: false, ...(now ? { clock: fixedClock(noonOf(validNow(now))) } : {}) });
  const model = program
    .command("model")
    .description("the churn-risk model trained on your own history");
  model
    .command("train")
    .description(
      "train the churn-risk model (90-day churn) on the workspace's history, store it, print its holdout AUC and top coefficients",
    )
    .option("--now <date>", "train as of this date (YYYY-MM-DD), default today")
    .action(async (options: { now?: string }) => {
      const pulse = await open(options.now);
      try {
        const trained = await trainAndStoreChurnModel(
          pulse.db,
          pulse.workspaceId,
          pulse.clock.now(),
        );
        printLine(
          `trained on ${trained.trainRows} customer snapshots, tested on ${trained.testRows} after ${trained.model.holdoutFrom.slice(0, 10)}`,
        );
        printLine(
          `holdout ROC AUC: ${trained.auc === null ? "n/a (the holdout has only one outcome)" : trained.auc.toFixed(3)}`,
        );
        printLine("top coefficients (per standard deviation; positive raises the risk):");
        for (const c of topCoefficients(trained.model, 8))
          printLine(`  ${c.feature.padEnd(24)} ${signed(c.weight)}`);
      } finally {
        await pulse.close();
      }
    });
  model
    .command("risk")
    .description("the customers most likely to churn in the next 90 days, with their top factors")
    .option("--top <n>", "how many customers", "10")
    .option("--now <date>", "score as of this date (YYYY-MM-DD), default today")
    .action(async (options: { top: string; now?: string }) => {
      const pulse = await open(options.now);
      try {
        const stored = await loadChurnModel(pulse.db, pulse.workspaceId);
        if (!stored)
          throw new PulseError(
            "query_invalid",
            "No churn-risk model is stored yet: run `pulse model train`.",
          );
        const risks = await scoreCustomers(
          pulse.db,
          pulse.workspaceId,
          stored.model,
          pulse.clock.now(),
        );
        for (const r of risks.slice(0, Math.max(1, Number(options.top) || 10)))
          printLine(
            `${r.customerId} ${r.name ?? ""}: ${(r.probability * 100).toFixed(0)}% (${r.factors.map((f) => f.text).join("; ")})`,
          );
      } finally {
        await pulse.close();
      }
    });
}
