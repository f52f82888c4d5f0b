/**
 * Follow-ups to a predictive answer in the same conversation: after "churn
 * risk by plan", "and by channel?" asks for churn risk by channel; after
 * "what are customers complaining about?", "what about last quarter?" asks
 * for the themes of last quarter. Any other question ends the context, so a
 * later "and by plan?" refines the metric question it follows instead.
 */
import type { Clock } from "../clock.js";
import { findTime } from "../questions/time-expressions.js";
import { clean, type InsightQuestion, matchInsight, riskDimension } from "./match.js";

export interface InsightConversations {
  match(conversationId: string, text: string, today: string): InsightQuestion | null;
}

const byFollowUp =
  /^(?:and |ok |okay |now |what about |how about |same |same but |and what about )*(?:broken down |split |break it down )?(?:by|per|for each|for every) (?:the |each )?(\p{L}+(?: \p{L}+)?)$/u;
const timeFollowUp = /^(?:and |what about |how about |same for |and for |and in |in |for )/;

export function createInsightConversations(options: {
  clock: Clock;
  ttlMs?: number;
  maxConversations?: number;
}): InsightConversations {
  const ttlMs = options.ttlMs ?? 30 * 60_000;
  const max = options.maxConversations ?? 10_000;
  const last = new Map<string, { question: InsightQuestion; at: number }>();

  const remember = (id: string, question: InsightQuestion) => {
    last.delete(id);
    last.set(id, { question, at: options.clock.now().getTime() });
    while (last.size > max) last.delete(last.keys().next().value!);
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
      const entry = last.get(id);
      last.delete(id);
      if (!entry || options.clock.now().getTime() - entry.at > ttlMs) return null;
      const refined = refine(entry.question, clean(raw), today);
      return refined ? remember(id, refined) : null;
    },
  };
}
