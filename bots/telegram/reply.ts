/**
 * A core Reply as Telegram messages: the chart as a photo with the answer as
 * its caption (Telegram allows 1,024 characters; the rest follows as a
 * message), and inline buttons whose callback data (64 bytes at most) names
 * the answer.
 */
import { type Context, GrammyError, InlineKeyboard, InputFile } from "grammy";
import type { Reply } from "../../src/assistant/types.js";

export const CAPTION_LIMIT = 1024;
export const MESSAGE_LIMIT = 4096;

export function answerKeyboard(reply: Reply): InlineKeyboard | undefined {
  if (reply.kind !== "answer") return undefined;
  const keyboard = new InlineKeyboard()
    .text("Table", `t:${reply.answerId}`)
    .text("Explain", `e:${reply.answerId}`);
  if (reply.interpretation.intent === "metric") keyboard.text("Why?", `w:${reply.answerId}`);
  if (reply.breakdowns.length > 0) keyboard.text("Break down", `b:${reply.answerId}`);
  return keyboard;
}

export function breakdownKeyboard(reply: Reply & { kind: "answer" }): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  reply.breakdowns.forEach((d, i) => {
    keyboard.text(d.label, `d:${reply.answerId}:${d.id}`);
    if (i % 3 === 2) keyboard.row();
  });
  return keyboard;
}

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

/** Sends a reply to the chat of `ctx`. */
export async function sendReply(
  ctx: Pick<Context, "reply" | "replyWithPhoto" | "replyWithDocument">,
  reply: Reply,
  options: { monospace?: boolean } = {},
): Promise<void> {
  const full = reply.kind === "answer" ? `${reply.text}\n\n${reply.footnote}` : reply.text;
  const keyboard = answerKeyboard(reply);
  if ((reply.kind === "answer" || reply.kind === "insight") && reply.chart) {
    const [caption = "", ...more] = chunks(full, CAPTION_LIMIT);
    const name = reply.kind === "answer" ? reply.answerId : "insight";
    await ctx.replyWithPhoto(new InputFile(reply.chart.png, `pulse-${name}.png`), {
      caption,
      ...(keyboard ? { reply_markup: keyboard } : {}),
    });
    if (more.length > 0) for (const piece of chunks(more.join("\n"))) await ctx.reply(piece);
    return;
  }
  // A table goes in <pre> so its columns line up; the tags take room from the limit.
  const pieces = chunks(full, options.monospace ? MESSAGE_LIMIT - 20 : MESSAGE_LIMIT);
  for (const [i, piece] of pieces.entries()) {
    const last = i === pieces.length - 1;
    await ctx.reply(options.monospace ? `<pre>${escapeHtml(piece)}</pre>` : piece, {
      ...(options.monospace ? { parse_mode: "HTML" as const } : {}),
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
