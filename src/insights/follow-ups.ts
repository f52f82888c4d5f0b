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
  /**
   * The insight asked for, directly or as a follow-up of the last one; a
   * follow-up the last insight cannot take ("what about October?" under churn
   * risk) is said back with the reason; null when the text is no insight.
   */
  match(
    conversationId: string,
    message: Utterance | string,
    today: string,
  ): InsightQuestion | InsightRefusal | null;
  /** Before `match`: the conversation as stored. */
  hydrate(conversationId: string): Promise<void>;
  /** After `match`: stores what the conversation now remembers. */
  persist(conversationId: string): Promise<void>;
}

/** A follow-up of an insight that cannot be applied to it: why, in a sentence for the asker. */
export interface InsightRefusal {
  cannot: string;
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

  function refine(
    previous: InsightQuestion,
    text: string,
    today: string,
  ): InsightQuestion | InsightRefusal | null {
    const by = byFollowUp.exec(text);
    if (by) {
      const word = by[1]!;
      if (previous.kind === "risk_by" || previous.kind === "at_risk")
        return { kind: "risk_by", dimension: riskDimension(word), asked: word };
      if (previous.kind === "profitability") {
        if (/^segments?$|^rfm/.test(word)) return { ...previous, by: "segment" };
        if (/channels?$/.test(word)) return { ...previous, by: "channel" };
        return { cannot: `Profitability is shown by channel or by segment, not by ${word}.` };
      }
      return {
        cannot: `Complaint themes cannot be broken down by ${word}; ask for another period instead ("what about last quarter?").`,
      };
    }
    if (!timeFollowUp.test(text)) return null;
    const time = findTime(text, today);
    if (!time) return null;
    if (previous.kind === "themes" || previous.kind === "profitability")
      return { ...previous, range: time.range };
    // Only a bare "what about October?": a whole question naming a period is read on its own.
    const bare = time.rest.replace(timeFollowUp, "").replace(/[\s;?!.]+/g, "") === "";
    return bare
      ? {
          cannot:
            'Churn risk is scored on customers as they are now, so it has no other period. For who left then, ask "who churned" with that period.',
        }
      : null;
  }

  return {
    match(id, raw, today) {
      const direct = matchInsight(raw, today);
      if (direct) return remember(id, direct);
      const previous = memory.recall(id);
      memory.forget(id);
      if (!previous) return null;
      const refined = refine(previous, plainText(utteranceOf(raw).text), today);
      if (!refined) return null;
      if (!("cannot" in refined)) return remember(id, refined);
      // Said back, the insight stays the conversation's: the next follow-up still refines it.
      memory.remember(id, previous);
      return refined;
    },
    hydrate: memory.hydrate,
    persist: memory.persist,
  };
}
