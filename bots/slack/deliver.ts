/**
 * Posting a reply: the message first (so the answer arrives even if the chart
 * fails), then the chart through Slack's current upload flow
 * (files.getUploadURLExternal -> upload -> files.completeUploadExternal, done
 * by WebClient.files.uploadV2) into the same thread, with alt text.
 */
import type { types, webApi } from "@slack/bolt";

type WebClient = webApi.WebClient;
type KnownBlock = types.KnownBlock;

import { answerCsv, CSV_ABOVE_ROWS } from "../../src/answers/csv.js";
import type { Reply } from "../../src/assistant/types.js";
import type { Logger } from "../../src/logger.js";
import { escapeText, notificationText, replyBlocks } from "./blocks.js";

export interface Place {
  channel: string;
  threadTs: string | undefined;
  /** Who asked: a reply's personal part (names of customers) goes to their direct messages. */
  userId?: string;
  /** For the asker alone whatever its kind (what a button press returned that concerns only them). */
  privately?: boolean;
  /**
   * Shows a message to the asker alone without the bot's token (a slash command's
   * response_url): the way they still hear when Slack refuses the bot's posts.
   */
  /** Markup Pulse wrote into the reply's text (the <@U123> of who replied): kept, never escaped. */
  own?: readonly string[];
  respond?: (message: { text: string; blocks: KnownBlock[] }) => Promise<unknown>;
}

/** Replies seen only by the person who asked, in a shared channel: help, refusals, what was not understood, errors. */
const onlyForTheAsker: ReadonlySet<Reply["kind"]> = new Set([
  "help",
  "refused",
  "unknown",
  "error",
]);

/** A table too long to read in a message: its CSV. */
function longTable(reply: Reply) {
  const csv = reply.kind === "answer" && reply.preformatted ? answerCsv(reply.data) : null;
  return csv && csv.rows > CSV_ABOVE_ROWS ? csv : null;
}

/**
 * A reply in place of the message whose button was pressed (the answer shown
 * another way: as a table, with its definition), so pressing adds no message;
 * a reply only for the presser, or a table long enough to come as a file,
 * goes as `deliver` sends it.
 */
export async function replace(
  client: WebClient,
  logger: Logger,
  message: Place & { ts: string },
  reply: Reply,
): Promise<void> {
  if (reply.kind !== "answer" || longTable(reply)) {
    await deliver(client, logger, message, reply);
    return;
  }
  await client.chat.update({
    channel: message.channel,
    ts: message.ts,
    text: notificationText(reply.text),
    blocks: replyBlocks(reply),
  });
}

export async function deliver(
  client: WebClient,
  logger: Logger,
  place: Place,
  reply: Reply,
): Promise<void> {
  const thread = place.threadTs ? { thread_ts: place.threadTs } : {};
  const csv = longTable(reply);
  if (csv) {
    // A long table reads better as a file people can open in a spreadsheet than as pages of code blocks.
    await client.files.uploadV2({
      channel_id: place.channel,
      ...thread,
      file: Buffer.from(csv.csv),
      filename: `pulse-${reply.kind === "answer" ? reply.answerId : "table"}.csv`,
      title: reply.kind === "answer" ? reply.rangeText : "table",
      initial_comment: `The table has ${csv.rows.toLocaleString("en-US")} rows, attached as CSV.`,
    } as Parameters<WebClient["files"]["uploadV2"]>[0]);
    return;
  }
  if (
    (place.privately || onlyForTheAsker.has(reply.kind)) &&
    place.userId &&
    !place.channel.startsWith("D")
  ) {
    // Help, refusals and errors concern the asker alone: the channel is not told.
    await client.chat.postEphemeral({
      channel: place.channel,
      user: place.userId,
      ...thread,
      text: notificationText(reply.text, place.own),
      blocks: replyBlocks(reply, place.own),
    });
    return;
  }
  await client.chat.postMessage({
    channel: place.channel,
    ...thread,
    text: notificationText(reply.text, place.own),
    blocks: replyBlocks(reply, place.own),
  });
  let direct: string | null = null;
  if (reply.kind === "insight" && reply.personal && place.userId) {
    // A user id as the channel posts in the app's direct messages with that user.
    const sent = await client.chat.postMessage({
      channel: place.userId,
      text: notificationText(reply.personal),
    });
    direct = sent.channel ?? place.userId;
  }
  if (reply.kind === "insight" && reply.file) {
    // The file carries the list's names: it goes where its rows went, the DM when there was one.
    const to = reply.personal ? direct : place.channel;
    if (to)
      await client.files.uploadV2({
        channel_id: to,
        ...(to === place.channel ? thread : {}),
        file: Buffer.from(reply.file.csv),
        filename: reply.file.filename,
        title: reply.file.filename,
        initial_comment: `All ${reply.file.rows.toLocaleString("en-US")} rows, as CSV.`,
      } as Parameters<WebClient["files"]["uploadV2"]>[0]);
  }
  if ((reply.kind !== "answer" && reply.kind !== "insight") || !reply.chart) return;
  const answerId = reply.kind === "answer" ? reply.answerId : "insight";
  try {
    await client.files.uploadV2({
      channel_id: place.channel,
      ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
      file: reply.chart.png,
      filename: `pulse-${answerId}.png`,
      title: reply.kind === "answer" ? reply.rangeText : reply.chart.altText.slice(0, 200),
      alt_text: reply.chart.altText.slice(0, 1000),
    } as Parameters<WebClient["files"]["uploadV2"]>[0]);
  } catch (error) {
    // The text answer is out already; a failed chart is logged, not fatal.
    logger.error({ err: error, answerId }, "chart upload to Slack failed");
  }
}

/** What Slack answered to a refused call: its error code, or the HTTP failure. */
const slackSaid = (error: unknown): string =>
  (error as { data?: { error?: string } }).data?.error ??
  (error instanceof Error ? error.message : String(error));

/**
 * The reply when Slack refused to post it (a 500 that outlasted the retries, invalid_auth):
 * to the asker alone, through the command's response_url when there is one (it needs no
 * bot token), else as an ephemeral message, with what Slack said. Never silent: if that
 * fails too, the error is the caller's to log.
 */
export async function deliverPrivately(
  client: WebClient,
  place: Place,
  reply: Reply,
  refusal: unknown,
): Promise<void> {
  const note = `I could not post this where you asked (Slack said: ${slackSaid(refusal)}), so only you see it.`;
  const message = {
    text: notificationText(`${reply.text}\n\n${note}`),
    blocks: [
      ...replyBlocks(reply).slice(0, 49),
      { type: "context" as const, elements: [{ type: "mrkdwn" as const, text: escapeText(note) }] },
    ],
  };
  if (place.respond) {
    await place.respond(message);
    return;
  }
  if (!place.userId) throw refusal;
  await client.chat.postEphemeral({
    channel: place.channel,
    user: place.userId,
    ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
    ...message,
  });
}
