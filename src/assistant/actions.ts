/**
 * The buttons under an answer, as data (Reply `actions`): the adapters draw
 * these and nothing else, so Slack and Telegram offer the same things.
 */
import type { DimensionId } from "../metrics/types.js";
import type { ActionId, Reply, ReplyAction } from "./types.js";

/** What each button says, and where its reply goes: the same answer another way replaces it; a new answer follows it. */
const buttons: Record<ActionId, Pick<ReplyAction, "label" | "result">> = {
  table: { label: "Show as table", result: "replace" },
  explain: { label: "Explain", result: "replace" },
  why: { label: "Why?", result: "follow" },
  breakdown: { label: "Break down by…", result: "follow" },
};

/** Where the reply of an action goes (see ReplyAction `result`). */
export const resultOf = (id: ActionId): ReplyAction["result"] => buttons[id].result;

/**
 * Whether what a button returned concerns the presser alone: the answer or rule
 * is gone, they may not use it here, or it failed. Nobody else in the chat needs
 * it, so adapters show it to the presser only (Slack: ephemeral; Telegram: the
 * callback query's answer).
 */
export const forThePresser = (reply: Reply): boolean =>
  reply.kind === "unknown" || reply.kind === "refused" || reply.kind === "error";

export const actionOf = (
  id: ActionId,
  answerId: string,
  choices?: ReplyAction["choices"],
): ReplyAction => ({ id, answerId, ...buttons[id], ...(choices ? { choices } : {}) });

/**
 * An answer's buttons: its table and definition; "Why?" for a metric (a
 * forecast has no change to explain); a breakdown when the metric has other
 * dimensions to break down by.
 */
export function answerActions(
  answerId: string,
  intent: string,
  breakdowns: readonly { id: DimensionId; label: string }[],
): ReplyAction[] {
  return [
    actionOf("table", answerId),
    actionOf("explain", answerId),
    ...(intent === "metric" ? [actionOf("why", answerId)] : []),
    ...(breakdowns.length > 0
      ? [
          actionOf(
            "breakdown",
            answerId,
            breakdowns.map((d) => ({ value: d.id, label: d.label })),
          ),
        ]
      : []),
  ];
}
