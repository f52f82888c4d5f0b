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
import { campaignProgress, parseAudience, skippedText } from "../../../src/surveys/campaigns.js";
import { isSurveyKind, type SurveyChannel, type SurveyKind } from "../../../src/surveys/kinds.js";
import { customerLinks, unlinkCustomer } from "../../../src/surveys/links.js";
import { createSurveyOperator } from "../../../src/surveys/operator.js";
import {
  campaignReport,
  campaignReportText,
  parseCampaignName,
} from "../../../src/surveys/report.js";
import { createSurveys } from "../../../src/surveys/surveys.js";
import { localeOf } from "../../../src/surveys/texts.js";
import { type SurveyTransport, TEST_PROMPT_ID } from "../../../src/surveys/transport.js";
import { getWorkspace } from "../../../src/workspace/workspace.js";
import { slackSurveyClient, slackSurveyTransport } from "../../slack/features/survey.js";
import { telegramSurveyTransport } from "../../telegram/survey-transport.js";
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

/** The <kind> argument, checked. */
function surveyKind(kind: string): SurveyKind {
  if (!isSurveyKind(kind))
    throw new PulseError("survey_invalid", `survey kind must be nps, csat or ces, got "${kind}"`);
  return kind;
}

/** The transport of a configured platform, for a test prompt sent from the terminal. */
function surveyTransportOf(pulse: Pulse, channel: SurveyChannel): SurveyTransport {
  const telegram = pulse.config.telegram;
  if (channel === "telegram" && telegram.enabled)
    return telegramSurveyTransport(
      new Api(telegram.token, telegram.apiRoot ? { apiRoot: telegram.apiRoot } : {}),
    );
  if (channel === "slack" && pulse.config.slack.enabled)
    return slackSurveyTransport(slackSurveyClient(pulse));
  throw new PulseError(
    "config_invalid",
    channel === "telegram"
      ? "Telegram is not configured: set TELEGRAM_BOT_TOKEN"
      : "Slack is not configured: set SLACK_BOT_TOKEN",
  );
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
    .option("--channel <channel>", "telegram or slack (default: the first one configured)")
    .option("--dry-run", "say who would be asked, by language, and why the others would not")
    .action((kindWord: string, options: { to: string; channel?: string; dryRun?: boolean }) =>
      withPulse(async (pulse) => {
        const kind = surveyKind(kindWord);
        const operator = createSurveyOperator(pulse);
        const channel = options.channel ?? operator.channels()[0] ?? "telegram";
        if (channel !== "telegram" && channel !== "slack")
          throw new PulseError(
            "survey_invalid",
            `channel must be telegram or slack, got "${channel}"`,
          );
        const audience = parseAudience(options.to);
        const result = await operator.campaign(kind, audience, channel, {
          dryRun: options.dryRun === true,
        });
        const languages = Object.entries(result.byLanguage)
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .map(([language, n]) => `${language} ${n}`)
          .join(", ");
        const skipped = skippedText(result.skipped);
        const who = `${result.queued} of ${result.targeted} customers`;
        printLine(
          result.dryRun
            ? `dry run, nothing queued: ${kind.toUpperCase()} in ${channel} would go to ${who}`
            : `campaign ${result.campaignId}: ${who} queued for ${kind.toUpperCase()} in ${channel}`,
        );
        if (result.queued > 0) printLine(`  by channel: ${channel} ${result.queued}`);
        if (languages) printLine(`  by language: ${languages}`);
        if (skipped) printLine(`  not asked: ${skipped}`);
      }),
    );

  survey
    .command("schedule")
    .description(
      "turn the automatic schedule (CSAT after orders, NPS every so many days) on or off, or show it",
    )
    .argument("[state]", "on, off or status", "status")
    .action((state: string) =>
      withPulse(async (pulse) => {
        const operator = createSurveyOperator(pulse);
        if (state === "on" || state === "off") await operator.setSchedule(state === "on");
        else if (state !== "status")
          throw new PulseError("survey_invalid", `use on, off or status, got "${state}"`);
        for (const line of await operator.describeSchedule()) printLine(line);
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
    .command("test")
    .description(
      "send a survey's question to your own chat, as a customer would get it (answers to it are not recorded)",
    )
    .argument("<kind>", "nps, csat or ces")
    .option("--to-me", "to the one person allowed by a user rule (`pulse access list`)")
    .option("--to <chat>", "telegram:<chat id> or slack:<user id>")
    .option("--locale <locale>", "the wording of this locale (en, fi, hy, ka, am, fa)", "en")
    .action((kindWord: string, options: { toMe?: boolean; to?: string; locale: string }) =>
      withPulse(async (pulse) => {
        const kind = surveyKind(kindWord);
        const operator = createSurveyOperator(pulse);
        const given = options.to ? /^(telegram|slack):(.+)$/.exec(options.to) : null;
        if (options.to && !given)
          throw new PulseError(
            "survey_invalid",
            `--to is telegram:<chat id> or slack:<user id>, got "${options.to}"`,
          );
        if (!given && !options.toMe)
          throw new PulseError("survey_invalid", "say where: --to-me, or --to telegram:<chat id>");
        const to = given
          ? { channel: given[1] as SurveyChannel, address: given[2]! }
          : await operator.operatorChat();
        const transport = surveyTransportOf(pulse, to.channel);
        const texts = (await createSurveys(pulse).wording()).for(options.locale);
        const outcome = await transport.send({
          promptId: TEST_PROMPT_ID,
          kind,
          customerId: "test",
          address: to.address,
          texts,
        });
        if (outcome.status !== "sent")
          throw new PulseError(
            "survey_invalid",
            `${to.channel} did not take the test ${kind.toUpperCase()} for ${to.address}: ${"reason" in outcome ? outcome.reason : `rate limited, try again in ${outcome.retryAfterSeconds} s`}`,
          );
        printLine(
          `sent a test ${kind.toUpperCase()} (${localeOf(options.locale)}) to ${to.channel} ${to.address}; answers to it are not recorded`,
        );
      }),
    );

  survey
    .command("report")
    .description(
      "what a campaign taught: sent, answered, response rate, score and its change, by plan, channel and language, complaint themes",
    )
    .argument(
      "<campaign...>",
      'its id (or first characters), or kind and month: "nps november", "csat 2026-10"',
    )
    .action((words: string[]) =>
      withPulse(async (pulse) => {
        const name = parseCampaignName(words.join(" "));
        if (!name)
          throw new PulseError(
            "survey_invalid",
            `name a campaign by its id or by kind and month ("nps november"), got "${words.join(" ")}"`,
          );
        const { timezone } = await getWorkspace(pulse.db, pulse.workspaceId);
        const report = await campaignReport(pulse.db, {
          workspaceId: pulse.workspaceId,
          name,
          now: pulse.clock.now(),
          timezone,
        });
        if ("error" in report) throw new PulseError("survey_invalid", report.error);
        printLine(campaignReportText(report));
      }),
    );

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
