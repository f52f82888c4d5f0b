/**
 * A channel named in words: Slack sends a `#sales` picked from its list as
 * `<#C0SALES|sales>`, which carries the id, but one typed as text (as /pulse
 * passes it, unescaped) is only a name. A rule stores where it posts by id,
 * so every list, delete and access rule can match it: a name is looked up in
 * the workspace's channels first (the port below, which the Slack adapter
 * implements with conversations.list), or asked back.
 */
import { PulseError } from "../errors.js";

/** The workspace's channels by name (without the "#"), as the chat platform lists them. */
export interface ChannelDirectory {
  /** The id of the channel called `name`, or null when no channel Pulse can see is. */
  idOf(name: string): Promise<string | null>;
}

/** A channel named by words that cannot be found: asked back, nothing is stored. */
export class UnknownChannelError extends PulseError {
  constructor(message: string) {
    super("query_invalid", message);
  }
}

/** The id of the chat a rule names (`#sales` or an id), looked up when it is a name. */
export async function channelIdOf(
  named: string,
  directory: ChannelDirectory | undefined,
): Promise<string> {
  if (!named.startsWith("#")) return named;
  const name = named.slice(1).toLowerCase();
  if (!directory)
    throw new UnknownChannelError(
      `I cannot look up ${named} from here: name the channel by its Slack id (C...), or make the alert in that channel.`,
    );
  const id = await directory.idOf(name);
  if (id) return id;
  throw new UnknownChannelError(
    `I do not see a channel called ${named}. Which channel should it post to? Pick it as you type # so Slack links it, or invite me there first (/invite @Pulse).`,
  );
}
