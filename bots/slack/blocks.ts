/**
 * A core Reply as Block Kit. Limits respected here: 50 blocks a message and
 * 3,000 characters a section; long text (tables) is split over sections.
 */
import type { types } from "@slack/bolt";

type KnownBlock = types.KnownBlock;

import type { ActionId, Reply, ReplyAction } from "../../src/assistant/types.js";

export const MAX_BLOCKS = 50;
export const MAX_SECTION = 3000;

/** Splits text on line breaks into pieces that fit a section (a line longer than the limit is cut). */
export function splitText(text: string, limit = MAX_SECTION): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const raw of text.split("\n")) {
    const line = raw.length > limit ? `${raw.slice(0, limit - 1)}…` : raw;
    if (current && current.length + 1 + line.length > limit) {
      pieces.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current) pieces.push(current);
  return pieces;
}

/**
 * A link to a channel (<#C123>, or <#C123|sales> as Slack sends a typed #sales): Pulse names
 * the channel it posts to this way, and it notifies nobody, so it is kept as Slack shows it.
 */
const CHANNEL_LINK = /<#[CG][A-Z0-9]+(?:\|[^<>]*)?>/g;

const escapeAll = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Slack's three control characters escaped, so words a person or a customer wrote cannot
 * become a mention (<!channel>, <!here>, <@U123>) or a link; channel links stay links, and
 * so does markup Pulse itself wrote into the text (`own`: the <@U123> of who replied, say).
 */
export function escapeText(text: string, own: readonly string[] = []): string {
  let escaped = "";
  let from = 0;
  for (const link of text.matchAll(CHANNEL_LINK)) {
    escaped += escapeAll(text.slice(from, link.index)) + link[0];
    from = link.index + link[0].length;
  }
  escaped += escapeAll(text.slice(from));
  for (const markup of own) escaped = escaped.replaceAll(escapeAll(markup), markup);
  return escaped;
}

/** A message's top-level `text` (what notifications and screen readers show), escaped as its blocks are. */
export const notificationText = (text: string, own: readonly string[] = []): string =>
  escapeText(text, own).slice(0, MAX_SECTION);

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });

/** Text as sections; a table goes in code blocks so its columns line up. */
export function textBlocks(text: string, code = false, own: readonly string[] = []): KnownBlock[] {
  const limit = code ? MAX_SECTION - 6 : MAX_SECTION;
  return splitText(escapeText(text, own), limit).map((piece) =>
    section(code ? `\`\`\`${piece}\`\`\`` : piece),
  );
}

/** Slack action ids of the core's actions (the value carries the answer, and the choice after a "|"). */
export const ACTIONS: Record<ActionId, string> = {
  table: "pulse_table",
  explain: "pulse_explain",
  why: "pulse_why",
  breakdown: "pulse_breakdown",
};

type ActionElement = Extract<KnownBlock, { type: "actions" }>["elements"][number];

/** A core action as a Slack element: a button, or a menu when it asks for a choice. */
function actionElement(action: ReplyAction): ActionElement {
  if (!action.choices)
    return {
      type: "button",
      text: { type: "plain_text", text: action.label },
      action_id: ACTIONS[action.id],
      value: action.answerId,
    };
  return {
    type: "static_select",
    action_id: ACTIONS[action.id],
    placeholder: { type: "plain_text", text: action.label },
    options: action.choices.slice(0, 100).map((c) => ({
      text: { type: "plain_text", text: c.label },
      value: `${action.answerId}|${c.value}`,
    })),
  };
}

/** The blocks of a reply: its text (a table in code blocks), an answer's formula and range, and its actions. */
export function replyBlocks(reply: Reply, own: readonly string[] = []): KnownBlock[] {
  if (reply.kind === "choose")
    return [
      ...textBlocks(reply.text, false, own),
      { type: "actions", elements: [actionElement(reply.action)] },
    ];
  if (reply.kind !== "answer") return textBlocks(reply.text, false, own).slice(0, MAX_BLOCKS);
  const blocks: KnownBlock[] = [
    ...textBlocks(reply.text, reply.preformatted),
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: escapeText(`${reply.footnote} · ${reply.rangeText}`).slice(0, MAX_SECTION),
        },
      ],
    },
  ];
  // Stored before replies carried their actions (an alert's message from an older version): none.
  const actions = reply.actions ?? [];
  if (actions.length > 0) blocks.push({ type: "actions", elements: actions.map(actionElement) });
  return blocks.length > MAX_BLOCKS
    ? [
        ...blocks.slice(0, MAX_BLOCKS - 2),
        section("… (cut to fit Slack's limit)"),
        blocks[blocks.length - 1]!,
      ]
    : blocks;
}
