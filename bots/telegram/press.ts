/**
 * A button pressed in Telegram: its callback query is answered once, with the
 * reply's text when the reply concerns the presser alone (Telegram shows it
 * to them over the chat, nobody else sees it), empty otherwise. Until then the
 * button shows its progress bar; a slow answer has it answered empty after
 * `afterMs`, as Telegram drops queries left too long.
 */
import type { Context } from "grammy";
import { forThePresser } from "../../src/assistant/actions.js";
import type { Reply } from "../../src/assistant/types.js";
import type { Logger } from "../../src/logger.js";

/** Telegram's limit on a callback query's text. */
const ANSWER_LIMIT = 200;

/** A callback query's answer with `text`, cut to Telegram's limit. */
export const answerWith = (text: string) => ({
  text: text.length > ANSWER_LIMIT ? `${text.slice(0, ANSWER_LIMIT - 1)}…` : text,
});

/** Runs the press; returns the reply to send in the chat, or null when it was told the presser alone. */
export async function press(
  ctx: Pick<Context, "answerCallbackQuery">,
  logger: Logger,
  work: () => Promise<Reply>,
  afterMs = 2000,
): Promise<Reply | null> {
  let answered: Promise<void> | null = null;
  const answer = (text?: string) => {
    answered ??= ctx.answerCallbackQuery(text ? answerWith(text) : {}).then(
      () => {},
      (error: unknown) => logger.warn({ err: error }, "could not answer a Telegram button"),
    );
    return answered;
  };
  const timer = setTimeout(answer, afterMs);
  try {
    const reply = await work();
    clearTimeout(timer);
    // Answered already (a slow reply), the presser's reply goes in the chat instead.
    if (!answered && forThePresser(reply)) {
      await answer(reply.text);
      return null;
    }
    return reply;
  } finally {
    clearTimeout(timer);
    await answer();
  }
}
