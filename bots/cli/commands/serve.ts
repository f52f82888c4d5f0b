import type { Command } from "commander";
import { startChurnRetraining } from "../../../src/risk/retraining.js";
import { alertsStarter, ingestStarter } from "../../alerts/start.js";
import { serve } from "../../serve.js";
import { startSlack } from "../../slack/app.js";
import { startSlackSurveys } from "../../slack/features/survey.js";
import { syncStarter } from "../../sync/start.js";
import { startTelegram } from "../../telegram/bot.js";
import type { CliContext } from "../context.js";

export function registerServeCommand(program: Command, cli: CliContext): void {
  program
    .command("serve")
    .description(
      "run the configured chat adapters (Slack when SLACK_BOT_TOKEN is set, Telegram when TELEGRAM_BOT_TOKEN is set) until SIGTERM",
    )
    .action(async () => {
      const pulse = await cli.open({ logger: cli.serveLogger() });
      try {
        await serve(pulse, [
          { name: "slack", enabled: (p) => p.config.slack.enabled, start: startSlack },
          { name: "telegram", enabled: (p) => p.config.telegram.enabled, start: startTelegram },
          {
            name: "slack surveys",
            enabled: (p) => p.config.slack.enabled,
            start: startSlackSurveys,
          },
          alertsStarter,
          ingestStarter,
          syncStarter,
          {
            name: "weekly churn model retraining",
            enabled: (p) => p.config.slack.enabled || p.config.telegram.enabled,
            start: startChurnRetraining,
          },
        ]);
      } finally {
        await pulse.close();
      }
    });
}
