/**
 * A sign of work on a slow answer: when an answer takes over a second, an
 * hourglass reaction goes on the question, and comes off when the answer is
 * out (`work` computes the answer and posts it).
 * The reaction is a courtesy: if Slack refuses it (no reactions:write), the answer still goes.
 */
import type { webApi } from "@slack/bolt";
import type { Logger } from "../../src/logger.js";

const REACTION = "hourglass_flowing_sand";

export async function withProgress<T>(
  client: webApi.WebClient,
  logger: Logger,
  message: { channel: string; ts: string | undefined },
  work: () => Promise<T>,
  afterMs = 1000,
): Promise<T> {
  const { channel, ts } = message;
  if (!ts) return work();
  let added: Promise<boolean> | null = null;
  const timer = setTimeout(() => {
    added = client.reactions
      .add({ channel, timestamp: ts, name: REACTION })
      .then(() => true)
      .catch((error: unknown) => {
        logger.warn({ err: error }, "could not show progress on a Slack message");
        return false;
      });
  }, afterMs);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    if (added && (await added))
      await client.reactions
        .remove({ channel, timestamp: ts, name: REACTION })
        .catch((error: unknown) =>
          logger.warn({ err: error }, "could not clear progress on a Slack message"),
        );
  }
}
