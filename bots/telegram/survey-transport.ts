/**
 * The delivery engine's port for Telegram: NPS as a message with 11 inline
 * buttons, CSAT and CES as native non-anonymous polls (poll_answer names the
 * voter). Bot API errors become outcomes: 429 with its retry_after, 403
 * (blocked, deactivated) unreachable.
 */
import { type Api, GrammyError, HttpError, InlineKeyboard } from "grammy";
import { localDigits, type SurveyTexts } from "../../src/surveys/texts.js";
import {
  type SendOutcome,
  type SurveyTransport,
  telegramLimits,
} from "../../src/surveys/transport.js";

/** Callback data of an NPS button: prompt id and score. */
export const surveyCallback = (promptId: number, score: number): string =>
  `sv:${promptId}:${score}`;
export const SURVEY_CALLBACK = /^sv:(\d+):(\d+)$/;

/** 0-5 on the first row, 6-10 on the second: eleven buttons that fit a phone; the chosen one ticked. */
export function npsKeyboard(
  promptId: number,
  chosen?: number | null,
  texts?: Pick<SurveyTexts, "digits">,
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (let score = 0; score <= 10; score++) {
    const label = texts ? localDigits(score, texts) : String(score);
    keyboard.text(score === chosen ? `✓ ${label}` : label, surveyCallback(promptId, score));
    if (score === 5) keyboard.row();
  }
  return keyboard;
}

const unreachable400 = /chat not found|user is deactivated|bot was blocked|PEER_ID_INVALID/i;

export function outcomeOfError(error: unknown): SendOutcome {
  if (error instanceof GrammyError) {
    if (error.error_code === 429)
      return { status: "rate_limited", retryAfterSeconds: error.parameters.retry_after ?? 1 };
    if (
      error.error_code === 403 ||
      (error.error_code === 400 && unreachable400.test(error.description))
    )
      return { status: "unreachable", reason: error.description };
    return {
      status: "failed",
      reason: error.description,
      retryable: error.error_code >= 500,
    };
  }
  if (error instanceof HttpError)
    return { status: "failed", reason: error.message, retryable: true };
  throw error;
}

export function telegramSurveyTransport(api: Api): SurveyTransport {
  return {
    channel: "telegram",
    limits: telegramLimits,
    async send(prompt) {
      const t = prompt.texts;
      try {
        if (prompt.kind === "nps") {
          const message = await api.sendMessage(
            prompt.address,
            `${t.npsQuestion}\n\n${t.npsScale}`,
            {
              reply_markup: npsKeyboard(prompt.promptId, null, t),
            },
          );
          return { status: "sent", messageId: String(message.message_id) };
        }
        const [question, options] =
          prompt.kind === "csat" ? [t.csatQuestion, t.csatOptions] : [t.cesQuestion, t.cesOptions];
        const message = await api.sendPoll(
          prompt.address,
          question,
          options.map((text) => ({ text })),
          { is_anonymous: false },
        );
        return {
          status: "sent",
          messageId: String(message.message_id),
          pollId: message.poll.id,
        };
      } catch (error) {
        return outcomeOfError(error);
      }
    },
  };
}
