/**
 * Conversation context: in a chat, a follow-up ("and by plan?", "what about
 * last year?", "same for revenue", "compare with the previous month") refines
 * the last question of the same conversation; a full question replaces it.
 * The merge works on the typed query; context is kept in memory per
 * conversation and expires.
 */
import { type ConversationMemoryOptions, createConversationMemory } from "./conversation-memory.js";
import { understand } from "./pipeline.js";
import { type ForecastAsk, type MetricAsk, metricOf, type Query } from "./query.js";

export interface Conversations {
  interpret(conversationId: string, text: string, today: string): Query;
  forget(conversationId: string): void;
}

/** Words that open a refinement rather than a new question. */
const followUpLead =
  /^\s*(?:and|also|plus|ok(?:ay)?|now|then|same|what about|how about|and what about|what if|instead|only|just|but|compare|vs|versus|by|per|for|in|split|break|broken|show (?:it|that|me that)|make it|do the same|same (?:thing|for|but))\b/i;
const clearGroup =
  /\b(?:without|no|remove|drop|clear)\b.{0,20}\b(?:breakdown|grouping|split|groups?|dimension)\b|\b(?:in )?total\b|\boverall\b/i;
const clearCompare = /\b(?:without|no|remove|drop)\b.{0,20}\bcompar/i;

type Refinable = MetricAsk | ForecastAsk;
const refinable = (query: Query | null): query is Refinable =>
  query !== null && (query.intent === "metric" || query.intent === "forecast");

export function createConversations(options: ConversationMemoryOptions): Conversations {
  const memory = createConversationMemory<Refinable>(options);

  return {
    interpret(id, text, today) {
      const { query, mentions } = understand(text, today);
      const previous = memory.recall(id);
      const named = Object.values(mentions).some((part) => part !== null);
      const refines =
        refinable(previous) &&
        query.intent !== "help" &&
        (mentions.metric === null || followUpLead.test(text)) &&
        (named || clearGroup.test(text) || clearCompare.test(text));
      if (!refines) {
        if (refinable(query)) memory.remember(id, query);
        return query;
      }
      const metric = mentions.metric ?? metricOf(previous)!;
      const groupBy = mentions.groupBy ?? (clearGroup.test(text) ? null : previous.groupBy);
      let merged: Refinable;
      if (query.intent === "forecast") merged = { ...query, metric, groupBy };
      else if (previous.intent === "forecast") merged = { ...previous, metric, groupBy };
      else {
        merged = {
          ...previous,
          metrics: mentions.metric ? [mentions.metric] : previous.metrics,
          range: mentions.range ?? previous.range,
          grain: mentions.grain ?? previous.grain,
          groupBy,
          compare: mentions.compare ?? (clearCompare.test(text) ? null : previous.compare),
          unused: query.unused,
        };
      }
      memory.remember(id, merged);
      return merged;
    },
    forget: memory.forget,
  };
}
