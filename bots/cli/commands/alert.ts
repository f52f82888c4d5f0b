/**
 * `pulse alert add|list|edit|test|run|history|mute|pause|resume|delete`: the same
 * rules as the chat commands, for a chat named on the command line. `pulse
 * alert token` makes a bearer token for POST /ingest.
 */
import type { Command } from "commander";
import { runAlertRequest } from "../../../src/alerts/chat-commands.js";
import { type AlertCommand, readAlertCommand } from "../../../src/alerts/commands.js";
import { ruleInWords } from "../../../src/alerts/describe.js";
import type { Targeted } from "../../../src/alerts/from-request.js";
import { lastFirings, listRules } from "../../../src/alerts/rules.js";
import type { AlertPlatform } from "../../../src/alerts/types.js";
import { PulseError } from "../../../src/errors.js";
import { createIngestToken } from "../../../src/ingest/tokens.js";
import { workspaceValues } from "../../../src/questions/workspace-values.js";
import type { AlertContext } from "../../../src/reading/alerts/read-alert.js";
import { getWorkspace, localDate } from "../../../src/workspace/workspace.js";
import { slackChannels } from "../../slack/channels.js";
import { slackClient } from "../../slack/client.js";
import type { CliContext } from "../context.js";
import { printLine } from "../output.js";

interface PlaceOptions {
  platform: string;
  chat: string;
  owner?: string;
}

function platformOf(value: string): AlertPlatform {
  if (value !== "slack" && value !== "telegram")
    throw new PulseError("config_invalid", `--platform must be slack or telegram, got "${value}"`);
  return value;
}

export function registerAlertCommand(program: Command, cli: CliContext): void {
  const alert = program
    .command("alert")
    .description("alerts and digests delivered to a Slack channel or Telegram chat");

  const run = async (
    options: PlaceOptions,
    command: (ctx: AlertContext) => AlertCommand | Targeted | null,
  ) => {
    const pulse = await cli.open({ charts: false });
    try {
      const [workspace, values] = await Promise.all([
        getWorkspace(pulse.db, pulse.workspaceId),
        workspaceValues(pulse.db, pulse.workspaceId, { maxAgeMs: 0 }),
      ]);
      const now = pulse.clock.now();
      const parsed = command({
        today: localDate(now, workspace.timezone),
        now,
        timezone: workspace.timezone,
        values,
      });
      if (!parsed)
        throw new PulseError(
          "query_invalid",
          'that is not an alert; try "alert me when churn goes above 5%"',
        );
      if ("kind" in parsed && parsed.kind === "invalid")
        throw new PulseError("query_invalid", parsed.message);
      if ("kind" in parsed && parsed.kind === "create" && !options.owner)
        throw new PulseError(
          "config_invalid",
          "--owner is required: the Slack user id or Telegram user id told when deliveries fail",
        );
      printLine(
        await runAlertRequest(
          pulse,
          {
            workspaceId: pulse.workspaceId,
            platform: platformOf(options.platform),
            chatId: options.chat,
            userId: options.owner ?? "",
            // A channel named as "#sales" is looked up in Slack when Pulse can reach it.
            ...(pulse.config.slack.enabled
              ? { channels: slackChannels(slackClient(pulse), pulse.clock) }
              : {}),
          },
          parsed,
        ),
      );
    } finally {
      await pulse.close();
    }
  };
  const place = (c: Command) =>
    c
      .requiredOption("--platform <platform>", "slack or telegram")
      .requiredOption("--chat <id>", "the Slack channel id or Telegram chat id it belongs to")
      .option("--owner <id>", "the user told when deliveries fail (required by add)");

  place(
    alert
      .command("add")
      .description(
        'add a rule in words: pulse alert add --platform slack --chat C0123 "alert me when churn goes above 5%"',
      )
      .argument("<words...>"),
  ).action((words: string[], options: PlaceOptions) =>
    run(options, (ctx) => readAlertCommand(words.join(" "), ctx)),
  );

  alert
    .command("list")
    .description("list the rules (of one chat with --chat)")
    .option("--platform <platform>", "slack or telegram")
    .option("--chat <id>", "only this chat's rules")
    .action(async (options: Partial<PlaceOptions>) => {
      const pulse = await cli.open({ charts: false });
      try {
        const rules = await listRules(pulse.db, {
          workspaceId: pulse.workspaceId,
          ...(options.platform ? { platform: platformOf(options.platform) } : {}),
          ...(options.chat ? { chatId: options.chat } : {}),
        });
        if (rules.length === 0) printLine("no alerts");
        const { currency } = await getWorkspace(pulse.db, pulse.workspaceId);
        const last = await lastFirings(
          pulse.db,
          rules.map((r) => r.id),
        );
        for (const rule of rules)
          printLine(
            ruleInWords(rule, {
              currency,
              now: pulse.clock.now(),
              lastFiring: last.get(rule.id) ?? null,
            }),
          );
      } finally {
        await pulse.close();
      }
    });

  place(
    alert
      .command("edit")
      .description(
        'change a rule of that chat: pulse alert edit --platform slack --chat C0123 3 "above 7%" (or "Fridays at 8", or a whole new rule)',
      )
      .argument("<id>")
      .argument("<words...>"),
  ).action((id: string, words: string[], options: PlaceOptions) =>
    run(options, (ctx) => readAlertCommand(`edit alert ${id}: ${words.join(" ")}`, ctx)),
  );

  const verbs = {
    pause: "pause a rule of that chat",
    resume: "resume a rule of that chat",
    delete: "delete a rule of that chat",
    test: "deliver a rule now, marked as a test (by `pulse serve`)",
    run: "check a rule now; it posts if it fires (by `pulse serve`)",
  } as const;
  for (const [verb, description] of Object.entries(verbs) as [keyof typeof verbs, string][]) {
    const command = place(alert.command(verb).description(description).argument("<id>"));
    command.action((id: string, options: PlaceOptions) =>
      run(options, () => ({ kind: verb, id: Number(id) })),
    );
  }

  place(
    alert
      .command("history")
      .description("the latest firings of the chat's rules (or of one): status, attempts, lateness")
      .argument("[id]"),
  ).action((id: string | undefined, options: PlaceOptions) =>
    run(options, () => ({ kind: "history", id: id === undefined ? null : Number(id) })),
  );

  place(
    alert
      .command("mute")
      .description(
        "quiet a rule of that chat: until resumed, or for a while: pulse alert mute --platform slack --chat C0123 2 for a week",
      )
      .argument("<id>")
      .argument("[words...]"),
  ).action((id: string, words: string[], options: PlaceOptions) =>
    run(options, (ctx) => readAlertCommand(`mute alert ${id} ${words.join(" ")}`, ctx)),
  );

  alert
    .command("token")
    .description(
      "create a bearer token for POST /ingest/{table} (shown once; only its hash is stored)",
    )
    .option("--label <label>", "what the token is for")
    .action(async (options: { label?: string }) => {
      const pulse = await cli.open({ charts: false });
      try {
        printLine(await createIngestToken(pulse.db, pulse.workspaceId, options.label ?? null));
      } finally {
        await pulse.close();
      }
    });
}
