import type { Command } from "commander";
import {
  type AccessKind,
  type AccessPlatform,
  createAccess,
  describeRule,
} from "../../../src/access/access.js";
import { defaultPosture } from "../../../src/access/posture.js";
import { createSetupCode, SETUP_CODE_MINUTES } from "../../../src/access/setup-codes.js";
import { PulseError } from "../../../src/errors.js";
import type { CliContext } from "../context.js";
import { printLine } from "../output.js";

const platforms: AccessPlatform[] = ["slack", "telegram"];
const kinds: AccessKind[] = ["channel", "user", "chat"];

function rule(platform: string, kind: string, subject: string) {
  if (!platforms.includes(platform as AccessPlatform))
    throw new PulseError("config_invalid", `platform must be slack or telegram, got "${platform}"`);
  if (!kinds.includes(kind as AccessKind))
    throw new PulseError("config_invalid", `kind must be channel, user or chat, got "${kind}"`);
  return { platform: platform as AccessPlatform, kind: kind as AccessKind, subject };
}

export function registerAccessCommand(program: Command, cli: CliContext): void {
  const access = program
    .command("access")
    .description(
      "who sees what (docs/access.md): a channel rule allows a channel, a user rule that user's direct messages only",
    );
  const withPulse = async (
    work: (pulse: Awaited<ReturnType<CliContext["open"]>>) => Promise<void>,
  ) => {
    const pulse = await cli.open({ charts: false });
    try {
      await work(pulse);
    } finally {
      await pulse.close();
    }
  };
  access
    .command("allow")
    .description(
      "allow a channel (or Telegram chat) for everyone in it, or a user in their direct messages: pulse access allow slack channel C0123",
    )
    .arguments("<platform> <kind> <id>")
    .action((platform: string, kind: string, id: string) =>
      withPulse(async (pulse) => {
        const allowed = rule(platform, kind, id);
        await createAccess(pulse.db, pulse.workspaceId).allow(allowed);
        printLine(`allowed ${describeRule(allowed)}`);
      }),
    );
  access
    .command("revoke")
    .description("take an allowance back")
    .arguments("<platform> <kind> <id>")
    .action((platform: string, kind: string, id: string) =>
      withPulse(async (pulse) => {
        const revoked = await createAccess(pulse.db, pulse.workspaceId).revoke(
          rule(platform, kind, id),
        );
        printLine(
          revoked ? `revoked ${platform} ${kind} ${id}` : `no such rule: ${platform} ${kind} ${id}`,
        );
      }),
    );
  access
    .command("list")
    .description("every rule and what it allows")
    .action(() =>
      withPulse(async (pulse) => {
        const rules = await createAccess(pulse.db, pulse.workspaceId).list();
        for (const platform of platforms) {
          const mine = rules.filter((r) => r.platform === platform);
          if (mine.length === 0) printLine(defaultPosture(platform));
          for (const r of mine) printLine(describeRule(r));
        }
        printLine("linked customers never see numbers: their chats get surveys only");
      }),
    );
  access
    .command("setup-code")
    .description(
      `print a one-time code (valid ${SETUP_CODE_MINUTES} minutes); sending /setup CODE to the Telegram bot allows the sender (and the group it is sent in)`,
    )
    .action(() =>
      withPulse(async (pulse) => {
        const { code, expiresAt } = await createSetupCode(
          pulse.db,
          pulse.workspaceId,
          pulse.clock.now(),
        );
        printLine(code);
        printLine(
          `send "/setup ${code}" to the bot in Telegram (a private chat, or a group to allow it too) before ${expiresAt.toISOString()}; the code works once`,
        );
      }),
    );
}
