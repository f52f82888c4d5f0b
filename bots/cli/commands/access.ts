import type { Command } from "commander";
import { type AccessKind, createAccess } from "../../../src/access/access.js";
import { PulseError } from "../../../src/errors.js";
import type { CliContext } from "../context.js";
import { printLine } from "../output.js";

const platforms = ["slack", "telegram"] as const;
const kinds: AccessKind[] = ["channel", "user", "chat"];

function rule(platform: string, kind: string, subject: string) {
  if (!platforms.includes(platform as never))
    throw new PulseError("config_invalid", `platform must be slack or telegram, got "${platform}"`);
  if (!kinds.includes(kind as AccessKind))
    throw new PulseError("config_invalid", `kind must be channel, user or chat, got "${kind}"`);
  return { platform: platform as (typeof platforms)[number], kind: kind as AccessKind, subject };
}

export function registerAccessCommand(program: Command, cli: CliContext): void {
  const access = program
    .command("access")
    .description(
      "who may see numbers: while a platform has no rule, everyone in the workspace may ask",
    );
  const withAccess = async (work: (a: ReturnType<typeof createAccess>) => Promise<void>) => {
    const pulse = await cli.open({ charts: false });
    try {
      await work(createAccess(pulse.db, pulse.workspaceId));
    } finally {
      await pulse.close();
    }
  };
  access
    .command("allow")
    .description("allow a channel, user or chat: pulse access allow slack channel C0123")
    .arguments("<platform> <kind> <id>")
    .action((platform: string, kind: string, id: string) =>
      withAccess(async (a) => {
        await a.allow(rule(platform, kind, id));
        printLine(`allowed ${platform} ${kind} ${id}`);
      }),
    );
  access
    .command("revoke")
    .description("take an allowance back")
    .arguments("<platform> <kind> <id>")
    .action((platform: string, kind: string, id: string) =>
      withAccess(async (a) => {
        printLine(
          (await a.revoke(rule(platform, kind, id)))
            ? `revoked ${platform} ${kind} ${id}`
            : `no such rule: ${platform} ${kind} ${id}`,
        );
      }),
    );
  access
    .command("list")
    .description("list the rules")
    .action(() =>
      withAccess(async (a) => {
        const rules = await a.list();
        if (rules.length === 0) printLine("no rules: everyone in the workspace may ask");
        for (const r of rules) printLine(`${r.platform} ${r.kind} ${r.subject}`);
      }),
    );
}
