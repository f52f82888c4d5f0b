/**
 * What the chat adapters call: the survey operations bound to one Pulse
 * (its database, workspace, clock and wording).
 */
import { sql } from "drizzle-orm";
import { PulseError } from "../errors.js";
import type { Pulse } from "../pulse.js";
import { getWorkspace } from "../workspace/workspace.js";
import {
  type AnswerResult,
  type CommentResult,
  markCommentAsked,
  promptAwaitingComment,
  recordAnswer,
  recordComment,
} from "./answers.js";
import { type Audience, type CampaignResult, queueCampaign } from "./campaigns.js";
import {
  customerAt,
  type LinkResult,
  linkTelegramChat,
  type SurveyCustomer,
  setSurveyOptOut,
} from "./customers.js";
import type { SurveyChannel, SurveyKind } from "./kinds.js";
import { signLinkToken } from "./link-token.js";
import { createWording, readWordingFile, type Wording } from "./texts.js";

export interface PollPrompt {
  promptId: number;
  kind: SurveyKind;
  customerId: string;
}

export interface Surveys {
  wording(): Promise<Wording>;
  link(chatId: string, token: string, languageCode: string | undefined): Promise<LinkResult>;
  customerAt(channel: SurveyChannel, address: string): Promise<SurveyCustomer | null>;
  setOptOut(customerId: string, optOut: boolean): Promise<void>;
  answer(promptId: number, customerId: string, score: number): Promise<AnswerResult>;
  commentAsked(promptId: number): Promise<void>;
  awaitingComment(customerId: string): Promise<number | null>;
  comment(promptId: number, customerId: string, text: string): Promise<CommentResult | null>;
  promptOfPoll(pollId: string): Promise<PollPrompt | null>;
  /** `https://t.me/<bot>?start=<signed token>` for one customer. */
  telegramLink(botUsername: string, customerId: string): string;
  campaign(kind: SurveyKind, audience: Audience, channel: SurveyChannel): Promise<CampaignResult>;
}

export function requireSecret(pulse: Pulse): string {
  const secret = pulse.config.secret;
  if (!secret)
    throw new PulseError(
      "config_invalid",
      "PULSE_SECRET is not set: survey links are signed with it (use a long random string and keep it)",
    );
  return secret;
}

export function createSurveys(pulse: Pulse): Surveys {
  const db = pulse.db;
  const ws = pulse.workspaceId;
  let wording: Promise<Wording> | undefined;
  return {
    wording() {
      wording ??= (async () => {
        const settings = pulse.config.surveys;
        const name = settings.businessName ?? (await getWorkspace(db, ws)).name;
        return createWording(name, settings.textsFile ? readWordingFile(settings.textsFile) : {});
      })();
      return wording;
    },
    link: (chatId, token, languageCode) =>
      linkTelegramChat(db, {
        workspaceId: ws,
        secret: requireSecret(pulse),
        token,
        chatId,
        languageCode,
      }),
    customerAt: (channel, address) => customerAt(db, ws, channel, address),
    setOptOut: (customerId, optOut) => setSurveyOptOut(db, ws, customerId, optOut),
    answer: (promptId, customerId, score) =>
      recordAnswer(db, { workspaceId: ws, promptId, customerId, score, at: pulse.clock.now() }),
    commentAsked: (promptId) => markCommentAsked(db, ws, promptId, pulse.clock.now()),
    awaitingComment: (customerId) => promptAwaitingComment(db, ws, customerId, pulse.clock.now()),
    comment: (promptId, customerId, text) =>
      recordComment(db, { workspaceId: ws, promptId, customerId, text }),
    async promptOfPoll(pollId) {
      const [row] = await db.rows<{ id: number | string; kind: SurveyKind; customer_id: string }>(
        sql`select id, kind, customer_id from survey_prompts where workspace_id = ${ws} and poll_id = ${pollId}`,
      );
      return row ? { promptId: Number(row.id), kind: row.kind, customerId: row.customer_id } : null;
    },
    telegramLink: (botUsername, customerId) =>
      `https://t.me/${botUsername}?start=${signLinkToken(requireSecret(pulse), customerId)}`,
    async campaign(kind, audience, channel) {
      const { timezone } = await getWorkspace(db, ws);
      return queueCampaign(db, {
        workspaceId: ws,
        kind,
        channel,
        audience,
        now: pulse.clock.now(),
        timezone,
        minIntervalDays: pulse.config.surveys.minIntervalDays,
      });
    },
  };
}
