/**
 * `pulse survey`: queue a campaign (`pulse serve` delivers it), print one
 * customer's Telegram deep link, export everyone's as CSV, or revoke one
 * customer's links.
 */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { stringify } from "csv-stringify/sync";
import { Api } from "grammy";
import { PulseError } from "../../../src/errors.js";
import type { Pulse } from "../../../src/pulse.js";
import { campaignProgress, parseAudience } from "../../../src/surveys/campaigns.js";
import { isSurveyKind, type SurveyChannel } from "../../../src/surveys/kinds.js";
import { customerLinks, unlinkCustomer } from "../../../src/surveys/links.js";
import { createSurveys } from "../../../src/surveys/surveys.js";
import type { CliContext } from "../context.js";
import { printLine } from "../output.js";

/** The bot's username: --bot, or asked from Telegram with the configured token. */
async function botUsername(pulse: Pulse, given: string | undefined): Promise<string> {
  if (given) return given.replace(/^@/, "");
  const telegram = pulse.config.telegram;
  if (!telegram.enabled)
    throw new PulseError(
      "config_invalid",
      "name the bot with --bot <username>, or set TELEGRAM_BOT_TOKEN so Pulse can ask Telegram",
    );
  const me = await new Api(
    telegram.token,
    telegram.apiRoot ? { apiRoot: telegram.apiRoot } : {},
  ).getMe();
  return me.username;
}

export function registerSurveyCommand(program: Command, cli: CliContext): void {
  const survey = program
    .command("survey")
    .description("customer surveys (NPS, CSAT, CES) in Telegram and Slack");
  const withPulse = async (work: (pulse: Pulse) => Promise<void>) => {
    const pulse = await cli.open({ charts: false });
    try {
      await work(pulse);
    } finally {
      await pulse.close();
    }
  };

  survey
    .command("send")
    .description(
      "queue a survey for a segment's customers; `pulse serve` sends it within the platform's limits",
    )
    .argument("<kind>", "nps, csat or ces")
    .requiredOption("--to <segment>", "all, or an RFM segment such as champions or at_risk")
    .option("--channel <channel>", "telegram or slack", "telegram")
    .action((kind: string, options: { to: string; channel: string }) =>
      withPulse(async (pulse) => {
        if (!isSurveyKind(kind))
          throw new PulseError(
            "survey_invalid",
            `survey kind must be nps, csat or ces, got "${kind}"`,
          );
        if (options.channel !== "telegram" && options.channel !== "slack")
          throw new PulseError(
            "survey_invalid",
            `channel must be telegram or slack, got "${options.channel}"`,
          );
        const audience = parseAudience(options.to);
        const result = await createSurveys(pulse).campaign(
          kind,
          audience,
          options.channel as SurveyChannel,
        );
        printLine(
          `campaign ${result.campaignId}: ${result.queued} of ${result.targeted} customers queued for ${kind.toUpperCase()} in ${options.channel}` +
            (result.queued < result.targeted
              ? ` (the others are not linked, opted out, or were asked in the last ${pulse.config.surveys.minIntervalDays} days)`
              : ""),
        );
      }),
    );

  survey
    .command("status")
    .description("how far a campaign got: its questions by status")
    .argument("<campaign-id>", "as `pulse survey send` printed it")
    .action((campaignId: string) =>
      withPulse(async (pulse) => {
        const progress = await campaignProgress(pulse.db, pulse.workspaceId, campaignId);
        const parts = Object.entries(progress).map(([status, n]) => `${n} ${status}`);
        if (parts.length === 0)
          throw new PulseError("survey_invalid", `no campaign ${campaignId} in this workspace`);
        printLine(`campaign ${campaignId}: ${parts.join(", ")}`);
      }),
    );

  const daysOption = (value: string): number => {
    if (!/^[1-9]\d*$/.test(value))
      throw new PulseError(
        "survey_invalid",
        `--days must be a whole number of days, got "${value}"`,
      );
    return Number(value);
  };

  survey
    .command("link")
    .description(
      "print a customer's Telegram deep link for receipts and emails: signed with PULSE_SECRET, bound to the first chat that opens it, expiring",
    )
    .argument("<customer-id>")
    .option("--bot <username>", "the bot's username (default: asked from Telegram)")
    .option("--days <days>", "days before an unused link expires (default: SURVEY_LINK_DAYS, 30)")
    .action((customerId: string, options: { bot?: string; days?: string }) =>
      withPulse(async (pulse) => {
        const [customer] = await customerLinks(pulse, await botUsername(pulse, options.bot), {
          customerIds: [customerId],
          ...(options.days ? { days: daysOption(options.days) } : {}),
        });
        if (!customer)
          throw new PulseError("survey_invalid", `no customer with id "${customerId}"`);
        printLine(customer.link);
      }),
    );

  survey
    .command("links")
    .description(
      "export every customer's deep link as CSV (customer_id,name,email,linked,link,expires_at)",
    )
    .option("--out <file>", "write to this file instead of stdout")
    .option("--bot <username>", "the bot's username (default: asked from Telegram)")
    .option("--days <days>", "days before an unused link expires (default: SURVEY_LINK_DAYS, 30)")
    .action((options: { out?: string; bot?: string; days?: string }) =>
      withPulse(async (pulse) => {
        const links = await customerLinks(
          pulse,
          await botUsername(pulse, options.bot),
          options.days ? { days: daysOption(options.days) } : {},
        );
        const csv = stringify(
          links.map((l) => [
            l.customerId,
            l.name ?? "",
            l.email ?? "",
            l.linked,
            l.link,
            l.expiresAt.toISOString(),
          ]),
          {
            header: true,
            columns: ["customer_id", "name", "email", "linked", "link", "expires_at"],
          },
        );
        if (options.out) {
          writeFileSync(options.out, csv);
          printLine(`wrote ${links.length} links to ${options.out}`);
        } else process.stdout.write(csv);
      }),
    );

  survey
    .command("unlink")
    .description(
      "revoke every survey link of one customer and disconnect their Telegram chat (a new link connects them again)",
    )
    .argument("<customer-id>")
    .action((customerId: string) =>
      withPulse(async (pulse) => {
        const done = await unlinkCustomer(
          pulse.db,
          pulse.workspaceId,
          customerId,
          pulse.clock.now(),
        );
        if (!done) throw new PulseError("survey_invalid", `no customer with id "${customerId}"`);
        printLine(
          `customer ${customerId}: ${done.revokedLinks} link${done.revokedLinks === 1 ? "" : "s"} revoked, ` +
            (done.chatUnlinked ? "Telegram chat disconnected" : "no Telegram chat was connected") +
            (done.cancelledPrompts > 0
              ? `, ${done.cancelledPrompts} queued Telegram survey${done.cancelledPrompts === 1 ? "" : "s"} cancelled`
              : ""),
        );
      }),
    );
}
