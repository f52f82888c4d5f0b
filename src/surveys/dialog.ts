/**
 * The customer's side of a survey, once for every platform: linking a chat,
 * a tap or poll vote as the answer, the follow-up question, the comment (only
 * as a reply to that question), stop/start/help, and a polite "this chat is
 * for feedback" for everything else. Adapters turn platform events into these
 * calls and the returned texts into messages; no customer text ever reaches
 * the team side, unless an explicit user rule makes the person a teammate.
 */
import { sql } from "drizzle-orm";
import { createAccess } from "../access/access.js";
import type { Pulse } from "../pulse.js";
import {
  type AnswerOutcome,
  commentAwaited,
  commentTarget,
  markCommentAsked,
  recordAnswer,
  recordComment,
} from "./answers.js";
import { customerAt, type SurveyCustomer, setSurveyOptOut } from "./customers.js";
import type { SurveyChannel, SurveyKind } from "./kinds.js";
import { bindLink, type LinkResult } from "./links.js";
import { requireSecret } from "./secret.js";
import { createSurveys } from "./surveys.js";
import { localDigits, type SurveyTexts } from "./texts.js";
import { TEST_PROMPT_ID } from "./transport.js";

export interface TapReply {
  promptId: number;
  outcome: AnswerOutcome;
  /** The prompt's kind; null when the tap was not this person's prompt. */
  kind: SurveyKind | null;
  /** The short confirmation (a Telegram toast, a Slack context line); null when nothing is to be said. */
  notice: string | null;
  /** The score to show as chosen on the question's buttons; null leaves the buttons as they are. */
  chosen: number | null;
  /** Ask the follow-up question (first answer only); then call `followUpAsked`. */
  askFollowUp: boolean;
  texts: SurveyTexts;
}

export interface LinkReply {
  result: LinkResult;
  /** What to tell the chat. */
  text: string;
  texts: SurveyTexts;
}

export interface CustomerMessage {
  channel: SurveyChannel;
  /** The Telegram chat id or the Slack user id. */
  address: string;
  /** Where it was written (the Telegram chat, the Slack DM channel). */
  place: string;
  /** The text; empty for a photo, a sticker, a file. */
  text: string;
  /** The message it replies to (Telegram) or the thread it is in (Slack). */
  replyTo: string | null;
}

export type CustomerCommand = "stop" | "start" | "help";

/** "/stop", "/STOP@shop_bot", "stop.", "Stop!" -> stop; a whole message only. */
export function customerCommand(text: string): CustomerCommand | "other_command" | null {
  const word = text
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, "");
  const match = /^\/?([a-z_]+)(?:@\w+)?$/.exec(word);
  if (match && (match[1] === "stop" || match[1] === "start" || match[1] === "help"))
    return match[1];
  return text.trim().startsWith("/") ? "other_command" : null;
}

export interface SurveyDialog {
  texts(locale: string | null | undefined): Promise<SurveyTexts>;
  /** /start <token>: binds the chat to the link's customer, or says why not. */
  link(chatId: string, token: string, languageCode: string | undefined): Promise<LinkReply>;
  /** A tap on one of a prompt's buttons by the person at `address`. */
  tap(channel: SurveyChannel, address: string, promptId: number, score: number): Promise<TapReply>;
  /** A Telegram poll vote (option index from 0); null when the poll is not this person's prompt. */
  pollVote(pollId: string, address: string, option: number): Promise<TapReply | null>;
  /** The follow-up question went out as `messageId` (null for a Slack modal). */
  followUpAsked(promptId: number, messageId: string | null): Promise<void>;
  /**
   * A message in a customer's own chat: the reply to send, or null when the
   * sender is no customer (or a customer a user rule makes a teammate) and the
   * team side may answer.
   */
  message(m: CustomerMessage): Promise<string | null>;
  /** The Slack comment form, submitted: the confirmation, or null when it was not this person's prompt. */
  formComment(address: string, promptId: number, text: string): Promise<string | null>;
}

export function createSurveyDialog(pulse: Pulse): SurveyDialog {
  const { db, workspaceId: ws, clock } = pulse;
  const surveys = createSurveys(pulse);
  const access = createAccess(db, ws);
  const texts = async (locale: string | null | undefined) => (await surveys.wording()).for(locale);

  async function tapOf(customer: SurveyCustomer | null, promptId: number, score: number) {
    // After /stop nothing is stored: a tap on a question sent before it is told surveys are stopped.
    if (customer?.optedOut) {
      const t = await texts(customer.locale);
      return {
        promptId,
        outcome: "unknown" as const,
        kind: null,
        notice: t.optedOut,
        chosen: null,
        askFollowUp: false,
        texts: t,
      };
    }
    const result = customer
      ? await recordAnswer(db, {
          workspaceId: ws,
          promptId,
          customerId: customer.id,
          score,
          at: clock.now(),
        })
      : { outcome: "unknown" as const, kind: null };
    const t = await texts(customer?.locale);
    const o = result.outcome;
    return {
      promptId,
      outcome: o,
      kind: result.kind,
      notice:
        o === "unknown"
          ? null
          : o === "locked"
            ? t.answerLocked
            : t.answerRecorded.replace("{score}", localDigits(score, t)),
      chosen: o === "recorded" || o === "changed" ? score : null,
      askFollowUp: o === "recorded",
      texts: t,
    };
  }

  /** A customer whom an explicit user rule allows is a teammate in their own DM. */
  const isTeammate = async (channel: SurveyChannel, address: string, place: string) =>
    (
      await access.may(
        { platform: channel, userId: address },
        { chatId: place, isDirect: true },
        "aggregate",
      )
    ).allowed;

  return {
    texts,
    async link(chatId, token, languageCode) {
      const result = await bindLink(db, {
        workspaceId: ws,
        secret: requireSecret(pulse),
        token,
        chatId,
        languageCode,
        now: clock.now(),
      });
      const t = await texts(result.status === "linked" ? result.customer.locale : languageCode);
      const text =
        result.status === "linked"
          ? t.linked
          : result.status === "expired"
            ? t.linkExpired
            : result.status === "used_elsewhere"
              ? t.linkUsed
              : t.linkInvalid;
      return { result, text, texts: t };
    },
    async tap(channel, address, promptId, score) {
      // A test the operator sent themselves (`pulse survey test`): said so, never recorded.
      if (promptId === TEST_PROMPT_ID)
        return {
          promptId,
          outcome: "unknown" as const,
          kind: null,
          notice: `A test: your answer ${score} is not recorded.`,
          chosen: null,
          askFollowUp: false,
          texts: await texts(null),
        };
      return tapOf(await customerAt(db, ws, channel, address), promptId, score);
    },
    async pollVote(pollId, address, option) {
      const [prompt] = await db.rows<{ id: number | string; customer_id: string }>(
        sql`select id, customer_id from survey_prompts where workspace_id = ${ws} and poll_id = ${pollId}`,
      );
      const customer = await customerAt(db, ws, "telegram", address);
      if (!prompt || !customer || customer.id !== prompt.customer_id) return null;
      return tapOf(customer, Number(prompt.id), option + 1);
    },
    followUpAsked: (promptId, messageId) =>
      markCommentAsked(db, ws, promptId, clock.now(), messageId),
    async message(m) {
      const customer = await customerAt(db, ws, m.channel, m.address);
      if (!customer || (await isTeammate(m.channel, m.address, m.place))) return null;
      const t = await texts(customer.locale);
      const command = customerCommand(m.text);
      if (command === "stop" || command === "start") {
        await setSurveyOptOut(db, ws, customer.id, command === "stop");
        return command === "stop" ? t.optedOut : t.optedIn;
      }
      if (command === "help") return t.customerHelp;
      if (command === "other_command" || m.text.trim() === "") return t.onlySurveys;
      const at = { channel: m.channel, replyTo: m.replyTo, now: clock.now() };
      const promptId = await commentTarget(db, ws, customer.id, at);
      if (promptId !== null) {
        const saved = await recordComment(db, {
          workspaceId: ws,
          promptId,
          customerId: customer.id,
          text: m.text,
        });
        if (saved) return t.thanksForComment;
      }
      // Someone who just got the follow-up question and wrote beside it learns how to answer it.
      if (
        !customer.optedOut &&
        m.channel === "telegram" &&
        (await commentAwaited(db, ws, customer.id, at))
      )
        return t.replyToComment;
      return t.onlySurveys;
    },
    async formComment(address, promptId, text) {
      const customer = await customerAt(db, ws, "slack", address);
      if (!customer || customer.optedOut) return null;
      const saved = await recordComment(db, {
        workspaceId: ws,
        promptId,
        customerId: customer.id,
        text,
      });
      return saved ? (await texts(customer.locale)).thanksForComment : null;
    },
  };
}
