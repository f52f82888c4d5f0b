/**
 * A core Reply as Telegram messages: the chart as a photo with the answer as
 * its caption (Telegram allows 1,024 characters; the rest follows as a
 * message), and inline buttons whose callback data (64 bytes at most) names
 * the answer.
 */
import { type Context, GrammyError, InlineKeyboard, InputFile } from "grammy";
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { ActionId, Reply, ReplyAction } from "../../src/assistant/types.js";

export const CAPTION_LIMIT = 1024;
export const MESSAGE_LIMIT = 4096;

/** Callback data of the core's actions: `t:answerId`; a choice is `d:answerId:choice`. */
export const CALLBACK: Record<ActionId, string> = {
  table: "t",
  explain: "e",
  why: "w",
  breakdown: "b",
};
export const CHOICE = "d";

/** A reply's actions as inline buttons; an action with choices offers them when pressed. */
export function answerKeyboard(reply: Reply): InlineKeyboard | undefined {
  // Stored before replies carried their actions (an alert's message from an older version): none.
  const actions = reply.kind === "answer" ? (reply.actions ?? []) : [];
  if (actions.length === 0) return undefined;
  const keyboard = new InlineKeyboard();
  for (const action of actions)
    keyboard.text(action.label, `${CALLBACK[action.id]}:${action.answerId}`);
  return keyboard;
}

/** Rows of an action's choices, three to a row. */
function choiceRows(action: ReplyAction): InlineKeyboardButton[][] {
  const rows: InlineKeyboardButton[][] = [];
  (action.choices ?? []).forEach((c, i) => {
    if (i % 3 === 0) rows.push([]);
    rows[rows.length - 1]!.push({
      text: c.label,
      callback_data: `${CHOICE}:${action.answerId}:${c.value}`,
    });
  });
  return rows;
}

const isChoice = (row: InlineKeyboardButton[]) =>
  row.some((b) => "callback_data" in b && b.callback_data?.startsWith(`${CHOICE}:`));

/** The message's keyboard with an action's choices under its buttons (pressing "Break down by…"). */
export const withChoices = (
  markup: InlineKeyboardMarkup | undefined,
  action: ReplyAction,
): InlineKeyboardMarkup => ({
  inline_keyboard: [
    ...(markup?.inline_keyboard ?? []).filter((row) => !isChoice(row)),
    ...choiceRows(action),
  ],
});

/** The message's keyboard without the choices offered (a choice was made). */
export const withoutChoices = (markup: InlineKeyboardMarkup | undefined): InlineKeyboardMarkup => ({
  inline_keyboard: (markup?.inline_keyboard ?? []).filter((row) => !isChoice(row)),
});

/**
 * Splits text into pieces Telegram accepts, at line ends so a table row is
 * never cut in two; only a single line longer than the limit is cut inside.
 */
export function chunks(text: string, limit = MESSAGE_LIMIT): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const newline = rest.lastIndexOf("\n", limit);
    const cut = newline > 0 ? newline : limit;
    out.push(rest.slice(0, cut));
    rest = rest.slice(newline > 0 ? cut + 1 : cut);
  }
  out.push(rest);
  return out;
}

const fullText = (reply: Reply): string =>
  reply.kind === "answer" ? `${reply.text}\n\n${reply.footnote}` : reply.text;
const isTable = (reply: Reply): boolean => reply.kind === "answer" && reply.preformatted === true;

/**
 * Shows a reply in place of the message whose button was pressed (the same
 * answer another way: the table, the definition), buttons kept; false when
 * it cannot be (not an answer, or too long for one message or caption), and
 * the caller sends it after the message instead.
 */
export async function replaceReply(
  ctx: Pick<Context, "editMessageText" | "editMessageCaption" | "callbackQuery">,
  reply: Reply,
): Promise<boolean> {
  const message = ctx.callbackQuery?.message;
  if (reply.kind !== "answer" || !message) return false;
  const keyboard = answerKeyboard(reply);
  const table = isTable(reply);
  const full = fullText(reply);
  const text = table ? `<pre>${escapeHtml(full)}</pre>` : full;
  const other = {
    ...(table ? { parse_mode: "HTML" as const } : {}),
    ...(keyboard ? { reply_markup: keyboard } : {}),
  };
  // A chart's message is a photo: its caption is what changes, within the caption's limit.
  if ("photo" in message && message.photo) {
    if (text.length > CAPTION_LIMIT) return false;
    await ctx.editMessageCaption({ caption: text, ...other });
    return true;
  }
  if (text.length > MESSAGE_LIMIT) return false;
  await ctx.editMessageText(text, other);
  return true;
}

/** Sends a reply to the chat of `ctx`; `replyTo` makes it a reply to that message (a button's answer). */
export async function sendReply(
  ctx: Pick<Context, "reply" | "replyWithPhoto" | "replyWithDocument">,
  reply: Reply,
  options: { replyTo?: number } = {},
): Promise<void> {
  const full = fullText(reply);
  const keyboard = answerKeyboard(reply);
  const monospace = isTable(reply);
  const replying = options.replyTo
    ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } }
    : {};
  if ((reply.kind === "answer" || reply.kind === "insight") && reply.chart) {
    const [caption = "", ...more] = chunks(full, CAPTION_LIMIT);
    const name = reply.kind === "answer" ? reply.answerId : "insight";
    await ctx.replyWithPhoto(new InputFile(reply.chart.png, `pulse-${name}.png`), {
      caption,
      ...replying,
      ...(keyboard ? { reply_markup: keyboard } : {}),
    });
    if (more.length > 0) for (const piece of chunks(more.join("\n"))) await ctx.reply(piece);
    return;
  }
  // A table goes in <pre> so its columns line up; the tags take room from the limit.
  const pieces = chunks(full, monospace ? MESSAGE_LIMIT - 20 : MESSAGE_LIMIT);
  for (const [i, piece] of pieces.entries()) {
    const last = i === pieces.length - 1;
    await ctx.reply(monospace ? `<pre>${escapeHtml(piece)}</pre>` : piece, {
      ...(i === 0 ? replying : {}),
      ...(monospace ? { parse_mode: "HTML" as const } : {}),
      ...(last && keyboard ? { reply_markup: keyboard } : {}),
    });
  }
  // A long list's file goes with its rows: here only when the rows were written here.
  if (reply.kind === "insight" && reply.file && !reply.personal)
    await ctx.replyWithDocument(csvFile(reply.file), { caption: csvCaption(reply.file) });
}

type ListFile = NonNullable<Extract<Reply, { kind: "insight" }>["file"]>;
const csvFile = (file: ListFile) => new InputFile(Buffer.from(file.csv), file.filename);
const csvCaption = (file: ListFile) => `All ${file.rows.toLocaleString("en-US")} rows, as CSV.`;

/** A reply's personal part (names of customers) goes to the asker's private chat, never the group. */
export async function sendPersonal(ctx: Context, reply: Reply): Promise<void> {
  if (reply.kind !== "insight" || !reply.personal || !ctx.from) return;
  try {
    for (const piece of chunks(reply.personal)) await ctx.api.sendMessage(ctx.from.id, piece);
    if (reply.file)
      await ctx.api.sendDocument(ctx.from.id, csvFile(reply.file), {
        caption: csvCaption(reply.file),
      });
  } catch (error) {
    // A bot may only write to people who have started a private chat with it.
    if (!(error instanceof GrammyError && error.error_code === 403)) throw error;
    await ctx.reply(
      "I could not send you the list privately: open a private chat with me, press Start, and ask again.",
    );
  }
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
