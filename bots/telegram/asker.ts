/** Who is asking in a Telegram update, and where: what access and personal-data rules read. */
import type { Context } from "grammy";
import type { Asker } from "../../src/assistant/types.js";
import type { Pulse } from "../../src/pulse.js";

export function askerOf(ctx: Context, pulse: Pulse): Asker & { platform: "telegram" } {
  return {
    workspaceId: pulse.workspaceId,
    platform: "telegram",
    userId: String(ctx.from?.id ?? ""),
    chatId: String(ctx.chat?.id ?? ""),
    isDirect: ctx.chat?.type === "private",
  };
}
