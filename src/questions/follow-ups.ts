/**
 * Conversation context: in a chat, a follow-up ("and by plan?", "what about
 * last year?", "same for revenue", "compare with the previous month") refines
 * the last question of the same conversation; a full question replaces it.
 * Context is kept in memory per conversation and expires.
 */
import { type ConversationMemoryOptions, createConversationMemory } from "./conversation-memory.js";
import type { Interpretation } from "./types.js";
import { analyse } from "./understand.js";

export interface Conversations {
  interpret(conversationId: string, text: string, today: string): Interpretation;
  forget(conversationId: string): void;
}

/** Words that open a refinement rather than a new question. */
const followUpLead =
  /^\s*(?:and|also|plus|ok(?:ay)?|now|then|same|what about|how about|and what about|what if|instead|only|just|but|compare|vs|versus|by|per|for|in|split|break|broken|show (?:it|that|me that)|make it|do the same|same (?:thing|for|but))\b/i;
const clearGroup =
  /\b(?:without|no|remove|drop|clear)\b.{0,20}\b(?:breakdown|grouping|split|groups?|dimension)\b|\b(?:in )?total\b|\boverall\b/i;
const clearCompare = /\b(?:without|no|remove|drop)\b.{0,20}\bcompar/i;

export function createConversations(options: ConversationMemoryOptions): Conversations {
  const memory = createConversationMemory<Interpretation>(options);

  return {
    interpret(id, text, today) {
      const { interpretation, mentions } = analyse(text, today);
      const previous = memory.recall(id);
      const named = Object.values(mentions).some((part) => part !== null);
      const refines =
        previous !== null &&
        (previous.intent === "metric" || previous.intent === "forecast") &&
        interpretation.intent !== "help" &&
        (mentions.metric === null || followUpLead.test(text)) &&
        (named || clearGroup.test(text) || clearCompare.test(text));
      if (!refines) {
        if (interpretation.intent === "metric" || interpretation.intent === "forecast")
          memory.remember(id, interpretation);
        return interpretation;
      }
      const forecast = interpretation.intent === "forecast";
      const merged: Interpretation = {
        ...previous,
        intent: forecast ? "forecast" : previous.intent,
        metric: mentions.metric ?? previous.metric,
        from: forecast ? interpretation.from : (mentions.range?.from ?? previous.from),
        to: forecast ? interpretation.to : (mentions.range?.to ?? previous.to),
        grain: forecast ? interpretation.grain : (mentions.grain ?? previous.grain),
        groupBy: mentions.groupBy ?? (clearGroup.test(text) ? null : previous.groupBy),
        compare: mentions.compare ?? (clearCompare.test(text) ? null : previous.compare),
        horizon: forecast ? interpretation.horizon : previous.horizon,
        suggestions: [],
      };
      memory.remember(id, merged);
      return merged;
    },
    forget: memory.forget,
  };
}
