/**
 * Follow-ups to a predictive answer in the same conversation: after "churn
 * risk by plan", "and by channel?" asks for churn risk by channel; after
 * "what are customers complaining about?", "what about last quarter?" asks
 * for the themes of last quarter. Any other question ends the context, so a
 * later "and by plan?" refines the metric question it follows instead.
 */
import {
  type ConversationOptions,
  createConversationMemory,
} from "../questions/conversation-memory.js";
import { insightQuestionSchema } from "../questions/query-schema.js";
import { findTime } from "../questions/time-expressions.js";
import { plainText } from "../reading/plain.js";
import { type Utterance, utteranceOf } from "../reading/utterance.js";
import { matchInsight, riskDimension } from "./match.js";
import type { InsightQuestion } from "./question.js";

export interface InsightConversations {
  match(conversationId: string, message: Utterance | string, today: string): InsightQuestion | null;
  /** Before `match`: the conversation as stored. */
  hydrate(conversationId: string): Promise<void>;
  /** After `match`: stores what the conversation now remembers. */
  persist(conversationId: string): Promise<void>;
}

const byFollowUp =
  /^(?:and |ok |okay |now |what about |how about |same |same but |and what about )*(?:broken down |split |break it down )?(?:by|per|for each|for every) (?:the |each )?(\p{L}+(?: \p{L}+)?)$/u;
const timeFollowUp = /^(?:and |what about |how about |same for |and for |and in |in |for )/;

export function createInsightConversations(options: ConversationOptions): InsightConversations {
  const memory = createConversationMemory({ ...options, schema: insightQuestionSchema });
  const remember = (id: string, question: InsightQuestion) => {
    memory.remember(id, question);
    return question;
  };

  function refine(previous: InsightQuestion, text: string, today: string): InsightQuestion | null {
    const by = byFollowUp.exec(text);
    if (by) {
      const word = by[1]!;
      if (previous.kind === "risk_by" || previous.kind === "at_risk")
        return { kind: "risk_by", dimension: riskDimension(word), asked: word };
      if (previous.kind === "profitability") {
        if (/^segments?$|^rfm/.test(word)) return { ...previous, by: "segment" };
        if (/channels?$/.test(word)) return { ...previous, by: "channel" };
      }
      return null;
    }
    if (
      (previous.kind === "themes" || previous.kind === "profitability") &&
      timeFollowUp.test(text)
    ) {
      const time = findTime(text, today);
      if (time) return { ...previous, range: time.range };
    }
    return null;
  }

  return {
    match(id, raw, today) {
      const direct = matchInsight(raw, today);
      if (direct) return remember(id, direct);
      const previous = memory.recall(id);
      memory.forget(id);
      if (!previous) return null;
      const refined = refine(previous, plainText(utteranceOf(raw).text), today);
      return refined ? remember(id, refined) : null;
    },
    hydrate: memory.hydrate,
    persist: memory.persist,
  };
}
