/**
 * The workspace's channels by name, for an alert that names one as text
 * ("#sales"): conversations.list, read once and kept; read again when a name
 * is not found (a channel made or renamed since), at most once a minute.
 */
import type { webApi } from "@slack/bolt";
import type { ChannelDirectory } from "../../src/alerts/channels.js";
import type { Clock } from "../../src/clock.js";

/** A name not found is looked up again after this long, not at every message naming it. */
const REREAD_MS = 60_000;

export function slackChannels(client: webApi.WebClient, clock: Clock): ChannelDirectory {
  let ids: Promise<Map<string, string>> | null = null;
  let readAt = 0;
  const read = async (): Promise<Map<string, string>> => {
    const byName = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await client.conversations.list({
        types: "public_channel,private_channel",
        exclude_archived: true,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      for (const channel of page.channels ?? [])
        if (channel.id && channel.name) byName.set(channel.name.toLowerCase(), channel.id);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return byName;
  };
  const reread = () => {
    readAt = clock.now().getTime();
    ids = read();
    // A failed read is not kept: the next name asked for reads again.
    ids.catch(() => {
      ids = null;
    });
    return ids;
  };
  return {
    async idOf(name) {
      const known = await (ids ?? reread());
      const id = known.get(name.toLowerCase());
      if (id || clock.now().getTime() - readAt < REREAD_MS) return id ?? null;
      return (await reread()).get(name.toLowerCase()) ?? null;
    },
  };
}
