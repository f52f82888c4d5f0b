/**
 * Conversation context: in a chat, a follow-up ("and by plan?", "what about
 * last year?", "same for revenue", "only in Finland", "and for enterprise?",
 * "and the month before?", "why?") refines the last question of the same
 * conversation; a full question replaces it. The merge works on the typed
 * query; context is kept in memory per conversation and expires.
 */

import { z } from "zod";
import { addDays, addMonths } from "../metrics/calendar.js";
import type { Filter } from "../metrics/types.js";
import { type Utterance, utteranceOf } from "../reading/utterance.js";
import { type ConversationOptions, createConversationMemory } from "./conversation-memory.js";
import { resolveFilters, understand } from "./pipeline.js";
import {
  type ForecastAsk,
  type ListAsk,
  type MetricAsk,
  measuredMetric,
  type Query,
  type Range,
} from "./query.js";
import { forecastAskSchema, listAskSchema, metricAskSchema } from "./query-schema.js";
import type { WorkspaceValues } from "./workspace-values.js";

export interface Conversations {
  interpret(
    conversationId: string,
    message: Utterance | string,
    today: string,
    values?: WorkspaceValues,
  ): Query;
  forget(conversationId: string): void;
  /** Before `interpret`: the conversation as stored (another process may have answered in it). */
  hydrate(conversationId: string): Promise<void>;
  /** After `interpret`: stores what the conversation now remembers. */
  persist(conversationId: string): Promise<void>;
}

/** Words that open a refinement rather than a new question. */
const followUpLead =
  /^\s*(?:and|also|plus|ok(?:ay)?|now|then|same|what about|how about|and what about|what if|instead|only|just|but|compare|vs|versus|by|per|for|in|split|break|broken|show (?:it|that|me that)|make it|do the same|same (?:thing|for|but))\b/i;
const clearGroup =
  /\b(?:without|no|remove|drop|clear)\b.{0,20}\b(?:breakdown|grouping|split|groups?|dimension)\b|\b(?:in )?total\b|\boverall\b/i;
const clearCompare = /\b(?:without|no|remove|drop)\b.{0,20}\bcompar/i;
const clearFilters =
  /\b(?:everyone|everybody|all (?:customers|plans|countries|channels)|no filters?|without (?:the )?filters?|unfiltered)\b/i;
const why =
  /^\s*(?:and |so |but |ok )?(?:why|how come|what drove (?:it|that|this)|explain(?: it| that| this)?)\s*[?!.]*\s*$/i;
const periodBefore = /\b(?:the )?(day|week|month|quarter|year|period) (?:before|earlier|prior)\b/i;

type Refinable = MetricAsk | ForecastAsk | ListAsk;
const refinable = (query: Query | null): query is Refinable =>
  query !== null &&
  (query.intent === "metric" || query.intent === "forecast" || query.intent === "list");

/** The range one period (of the named unit, or of the range's own length) before. */
function before(range: Range, unit: string): Range {
  const back = (date: string) => {
    switch (unit) {
      case "day":
        return addDays(date, -1);
      case "week":
        return addDays(date, -7);
      case "month":
        return addMonths(date, -1);
      case "quarter":
        return addMonths(date, -3);
      case "year":
        return addMonths(date, -12);
      default:
        return date;
    }
  };
  if (unit === "period") {
    const days = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000;
    return { from: addDays(range.from, -days), to: range.from };
  }
  return { from: back(range.from), to: back(range.to) };
}

/** The previous filters with the new ones put in place of those on the same dimension. */
const mergeFilters = (previous: readonly Filter[], added: Filter[]): Filter[] => [
  ...previous.filter((f) => !added.some((a) => a.dimension === f.dimension)),
  ...added,
];

export function createConversations(options: ConversationOptions): Conversations {
  const memory = createConversationMemory<Refinable>({
    ...options,
    schema: z.union([metricAskSchema, forecastAskSchema, listAskSchema]),
  });

  return {
    interpret(id, message, today, values) {
      const utterance = utteranceOf(message);
      const text = utterance.lower;
      const { query, mentions, tagged } = understand(utterance, today, values);
      const previous = memory.recall(id);
      if (refinable(previous) && query.intent === "unknown" && why.test(text)) {
        const metric = measuredMetric(previous);
        return {
          intent: "explain",
          metric,
          filters: previous.filters,
          compare:
            previous.intent === "metric"
              ? (previous.compare ?? "previous_period")
              : "previous_period",
          range: previous.range,
          asked: null,
          unused: [],
        };
      }
      const shifted = periodBefore.exec(text);
      const named =
        Object.values(mentions).some((part) => part !== null) ||
        tagged.length > 0 ||
        shifted !== null;
      const refines =
        refinable(previous) &&
        query.intent !== "help" &&
        (mentions.metric === null || followUpLead.test(text)) &&
        (named || clearGroup.test(text) || clearCompare.test(text) || clearFilters.test(text));
      if (!refines) {
        if (refinable(query)) memory.remember(id, query);
        return query;
      }
      const metric = mentions.metric ?? measuredMetric(previous);
      const settled = resolveFilters(tagged, metric);
      if (settled.problem) return query;
      const filters = clearFilters.test(text)
        ? settled.filters
        : mergeFilters(previous.filters, settled.filters);
      const groupBy =
        mentions.groupBy ??
        (clearGroup.test(text) || previous.intent === "list" ? null : previous.groupBy);
      const range =
        mentions.range ??
        (shifted ? before(previous.range, shifted[1]!.toLowerCase()) : previous.range);
      const unused = query.unused.filter((w) => !/^(?:before|earlier|prior|why)$/.test(w));
      let merged: Refinable;
      if (query.intent === "forecast") merged = { ...query, metric, groupBy, filters };
      else if (previous.intent === "forecast") merged = { ...previous, metric, groupBy, filters };
      else if (previous.intent === "list") {
        // A list has no groups, grain or comparison: "and by plan?" under "who churned last month?"
        // asks how many churned, by plan, over the same customers and range (the reply says so).
        merged =
          groupBy || mentions.grain || mentions.compare
            ? {
                intent: "metric",
                metrics: [metric],
                filters,
                groupBy,
                rank: null,
                grain: mentions.grain,
                compare: mentions.compare,
                range,
                unused,
              }
            : { ...previous, metric, filters, range, unused };
      } else {
        merged = {
          ...previous,
          metrics: mentions.metric
            ? query.intent === "metric"
              ? query.metrics
              : [mentions.metric]
            : previous.metrics,
          range,
          grain: mentions.grain ?? previous.grain,
          groupBy,
          rank: groupBy === previous.groupBy ? previous.rank : null,
          compare: mentions.compare ?? (clearCompare.test(text) ? null : previous.compare),
          filters,
          unused,
        };
      }
      memory.remember(id, merged);
      return merged;
    },
    forget: memory.forget,
    hydrate: memory.hydrate,
    persist: memory.persist,
  };
}
