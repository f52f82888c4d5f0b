/** Slack's answers when the bot is not a member of the conversation it was to post in, and what to tell people then. */
import { webApi } from "@slack/bolt";

const notMember = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

export const cannotPostHere = (error: unknown): boolean =>
  (error as { code?: string }).code === webApi.ErrorCode.PlatformError &&
  notMember.has((error as { data?: { error?: string } }).data?.error ?? "");

export const cannotPostText =
  "I can't post in this conversation. Invite me with `/invite @Pulse` and ask again, or ask me in a direct message.";
