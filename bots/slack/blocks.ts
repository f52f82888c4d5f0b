/**
 * A core Reply as Block Kit. Limits respected here: 50 blocks a message and
 * 3,000 characters a section; long text (tables) is split over sections.
 */
import type { types } from "@slack/bolt";

type KnownBlock = types.KnownBlock;

import type { Reply } from "../../src/assistant/types.js";

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

/** Slack's three control characters, so user text cannot become a mention or a link. */
export const escapeText = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });

/** Text as sections; a table goes in code blocks so its columns line up. */
export function textBlocks(text: string, code = false): KnownBlock[] {
  const limit = code ? MAX_SECTION - 6 : MAX_SECTION;
  return splitText(escapeText(text), limit).map((piece) =>
    section(code ? `\`\`\`${piece}\`\`\`` : piece),
  );
}

export const ACTIONS = {
  table: "pulse_table",
  explain: "pulse_explain",
  why: "pulse_why",
  breakdown: "pulse_breakdown",
} as const;

/** The blocks of a reply: text, formula and range, and buttons for an answer. */
export function replyBlocks(reply: Reply, options: { table?: boolean } = {}): KnownBlock[] {
  if (reply.kind !== "answer") return textBlocks(reply.text).slice(0, MAX_BLOCKS);
  const blocks: KnownBlock[] = [
    ...textBlocks(reply.text, options.table),
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
  const elements: Extract<KnownBlock, { type: "actions" }>["elements"] = [
    {
      type: "button",
      text: { type: "plain_text", text: "Show as table" },
      action_id: ACTIONS.table,
      value: reply.answerId,
    },
    {
      type: "button",
      text: { type: "plain_text", text: "Explain" },
      action_id: ACTIONS.explain,
      value: reply.answerId,
    },
  ];
  // "Why?" asks what drove the number (intent explain); a forecast has no change to explain.
  if (reply.interpretation.intent === "metric")
    elements.push({
      type: "button",
      text: { type: "plain_text", text: "Why?" },
      action_id: ACTIONS.why,
      value: reply.answerId,
    });
  if (reply.breakdowns.length > 0) {
    elements.push({
      type: "static_select",
      action_id: ACTIONS.breakdown,
      placeholder: { type: "plain_text", text: "Break down by..." },
      options: reply.breakdowns.slice(0, 100).map((d) => ({
        text: { type: "plain_text", text: d.label },
        value: `${reply.answerId}|${d.id}`,
      })),
    });
  }
  blocks.push({ type: "actions", elements });
  return blocks.length > MAX_BLOCKS
    ? [
        ...blocks.slice(0, MAX_BLOCKS - 2),
        section("… (cut to fit Slack's limit)"),
        blocks[blocks.length - 1]!,
      ]
    : blocks;
}
