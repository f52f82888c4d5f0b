/**
 * Customer surveys in Slack (shared channels, DMs): the question as Block Kit
 * buttons (NPS 0-10, CSAT 1-5, CES 1-7), the comment in a modal opened by the
 * tap. The delivery engine sends through `slackSurveyTransport`.
 */
import { type App, type BlockAction, type ButtonAction, webApi } from "@slack/bolt";
import type { Pulse } from "../../../src/pulse.js";
import { createSurveyDialog } from "../../../src/surveys/dialog.js";
import type { SurveyKind } from "../../../src/surveys/kinds.js";
import { type RunningDelivery, startSurveyDelivery } from "../../../src/surveys/runner.js";
import { localDigits, type SurveyTexts } from "../../../src/surveys/texts.js";
import {
  type SendOutcome,
  type SurveyTransport,
  slackLimits,
} from "../../../src/surveys/transport.js";
import { slackClient } from "../client.js";
import type { SlackContext } from "../context.js";

export const SURVEY_ACTION = /^survey_answer_(\d+)$/;
const COMMENT_VIEW = "survey_comment";
/** Slack's limit on a modal title. */
const TITLE_LIMIT = 24;

function scale(kind: SurveyKind, texts: SurveyTexts): { score: number; label: string }[] {
  const n = (score: number) => localDigits(score, texts);
  if (kind === "nps") return Array.from({ length: 11 }, (_, i) => ({ score: i, label: n(i) }));
  const options = kind === "csat" ? texts.csatOptions : texts.cesOptions;
  return options.map((label, i) => ({
    score: i + 1,
    label: `${n(i + 1)} · ${label}`.slice(0, 75),
  }));
}

/** What a tap changed, shown on the question: the chosen score ticked, and the confirmation under it. */
export interface SurveyMark {
  chosen: number | null;
  notice: string | null;
}

export function surveyBlocks(
  promptId: number,
  kind: SurveyKind,
  texts: SurveyTexts,
  mark: SurveyMark = { chosen: null, notice: null },
) {
  const question =
    kind === "nps" ? texts.npsQuestion : kind === "csat" ? texts.csatQuestion : texts.cesQuestion;
  const notes = [
    ...(kind === "nps" ? [texts.npsScale] : []),
    ...(mark.notice ? [mark.notice] : []),
  ];
  return {
    text: question,
    blocks: [
      { type: "section", text: { type: "plain_text", text: question } },
      {
        type: "actions",
        block_id: `survey_${promptId}`,
        elements: scale(kind, texts).map(({ score, label }) => ({
          type: "button",
          action_id: `survey_answer_${score}`,
          text: { type: "plain_text", text: score === mark.chosen ? `✓ ${label}` : label },
          value: `${promptId}:${score}`,
          ...(score === mark.chosen ? { style: "primary" } : {}),
        })),
      },
      ...notes.map((text) => ({ type: "context", elements: [{ type: "plain_text", text }] })),
    ],
  };
}

const unreachableErrors = new Set([
  "channel_not_found",
  "user_not_found",
  "cannot_dm_bot",
  "user_disabled",
  "account_inactive",
  "is_archived",
  "not_in_channel",
  "messages_tab_disabled",
]);

function outcomeOfError(error: unknown): SendOutcome {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string } };
  if (e.code === webApi.ErrorCode.RateLimitedError)
    return { status: "rate_limited", retryAfterSeconds: e.retryAfter ?? 1 };
  if (e.code === webApi.ErrorCode.PlatformError) {
    const reason = e.data?.error ?? "unknown error";
    return unreachableErrors.has(reason)
      ? { status: "unreachable", reason }
      : { status: "failed", reason, retryable: reason === "internal_error" };
  }
  if (e.code === webApi.ErrorCode.RequestError || e.code === webApi.ErrorCode.HTTPError)
    return { status: "failed", reason: String((error as Error).message), retryable: true };
  throw error;
}

/** Sends to the customer's Slack user id (a DM); 429s come back to the engine, not retried here. */
export function slackSurveyTransport(client: webApi.WebClient): SurveyTransport {
  return {
    channel: "slack",
    limits: slackLimits,
    async send(prompt) {
      try {
        const posted = await client.chat.postMessage({
          channel: prompt.address,
          ...surveyBlocks(prompt.promptId, prompt.kind, prompt.texts),
        });
        return { status: "sent", messageId: String(posted.ts) };
      } catch (error) {
        return outcomeOfError(error);
      }
    },
  };
}

export function registerSurvey(app: App, ctx: SlackContext): void {
  const dialog = createSurveyDialog(ctx.pulse);
  app.action<BlockAction<ButtonAction>>(SURVEY_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    const [promptId = "", score = ""] = (action.value ?? "").split(":");
    const tap = await dialog.tap("slack", body.user.id, Number(promptId), Number(score));
    if (tap.kind === null) return;
    const texts = tap.texts;
    // The form first: Slack's trigger is valid for three seconds only.
    if (tap.askFollowUp) {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: "modal",
          callback_id: COMMENT_VIEW,
          private_metadata: promptId,
          title: { type: "plain_text", text: texts.commentTitle.slice(0, TITLE_LIMIT) },
          submit: { type: "plain_text", text: texts.send.slice(0, TITLE_LIMIT) },
          blocks: [
            {
              type: "input",
              block_id: "comment",
              label: { type: "plain_text", text: texts.commentQuestion.slice(0, 2000) },
              element: { type: "plain_text_input", action_id: "text", multiline: true },
            },
          ],
        },
      });
      await dialog.followUpAsked(Number(promptId), null);
    }
    if (!body.channel || !tap.notice) return;
    // The question shows the answer it now has; a late change of mind hears that the first one stands.
    if (tap.chosen !== null && body.message)
      await client.chat.update({
        channel: body.channel.id,
        ts: body.message.ts,
        ...surveyBlocks(Number(promptId), tap.kind, texts, tap),
      });
    else
      await client.chat.postEphemeral({
        channel: body.channel.id,
        user: body.user.id,
        text: tap.notice,
      });
  });
  app.view(COMMENT_VIEW, async ({ ack, body, view, client }) => {
    await ack();
    const text = view.state.values.comment?.text?.value ?? "";
    const thanks = await dialog.formComment(body.user.id, Number(view.private_metadata), text);
    if (thanks) await client.chat.postMessage({ channel: body.user.id, text: thanks });
  });
}

/** The client survey delivery sends with: a 429 goes to the engine, which waits it out, not to the client. */
export const slackSurveyClient = (pulse: Pulse): webApi.WebClient =>
  slackClient(pulse, { rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });

/** The Slack survey sender under `pulse serve`, with its own client. */
export async function startSlackSurveys(pulse: Pulse): Promise<RunningDelivery> {
  return startSurveyDelivery(pulse, slackSurveyTransport(slackSurveyClient(pulse)));
}
