/**
 * The port the delivery engine sends through; each chat platform implements
 * it in bots/ (the core never imports an adapter). A transport turns the
 * platform's answer into one of four outcomes and never throws for them.
 */
import type { SurveyChannel, SurveyKind } from "./kinds.js";
import type { SurveyTexts } from "./texts.js";

/** The prompt id of a test sent to the operator (`pulse survey test`): no prompt has it, so no answer to it is recorded. */
export const TEST_PROMPT_ID = 0;

export interface OutgoingPrompt {
  promptId: number;
  kind: SurveyKind;
  customerId: string;
  /** Telegram chat id or Slack user id. */
  address: string;
  texts: SurveyTexts;
}

export type SendOutcome =
  | { status: "sent"; messageId: string; pollId?: string }
  /** Too many requests: nothing was sent; try again after exactly this long. */
  | { status: "rate_limited"; retryAfterSeconds: number }
  /** The customer blocked the bot or the chat is gone: never retried. */
  | { status: "unreachable"; reason: string }
  | { status: "failed"; reason: string; retryable: boolean };

export interface PlatformLimits {
  /** Messages per second across all chats. */
  perSecond: number;
  /** Least time between two messages to one chat. */
  perChatIntervalMs: number;
  /** Least time between two messages to one group, where a platform is stricter there (key starting with "-"). */
  perGroupIntervalMs?: number;
}

export interface SurveyTransport {
  readonly channel: SurveyChannel;
  readonly limits: PlatformLimits;
  send(prompt: OutgoingPrompt): Promise<SendOutcome>;
}

/**
 * Telegram's published limits: 30 messages a second overall, one a second per
 * chat, 20 a minute per group (groups have negative chat ids).
 */
export const telegramLimits: PlatformLimits = {
  perSecond: 30,
  perChatIntervalMs: 1000,
  perGroupIntervalMs: 3000,
};
/**
 * Slack's chat.postMessage: one message a second per channel; the workspace-wide
 * limit is unpublished, so we stay well under it and honour any 429's Retry-After.
 */
export const slackLimits: PlatformLimits = { perSecond: 5, perChatIntervalMs: 1000 };
