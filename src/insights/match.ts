/**
 * The predictive questions the metric parser has no intent for: churn risk
 * ("which customers are at risk?", "churn risk by plan"), profitability
 * ("which channels are profitable?", "LTV:CAC by segment") and complaint
 * themes ("what are customers complaining about?"). The assistant asks this
 * matcher first; anything it does not claim goes to the parser unchanged, so
 * the interpretation contract of questions.md is untouched. Patterns are
 * narrow on purpose: "churn rate by plan" stays a metric question.
 */

import { tokenize } from "../questions/nlp.js";
import { defaultRange, defaultSeriesRange, findTime } from "../questions/time-expressions.js";
import { findPhrase, vocabulary } from "../questions/vocabulary.js";
import { plainText } from "../reading/plain.js";
import { type Utterance, utteranceOf } from "../reading/utterance.js";
import { type InsightQuestion, type RiskDimension, riskDimensions } from "./question.js";

const riskWords =
  /\b(?:at risk|at-risk|churn risk|risk of (?:churn|churning|leaving|cancell?ing)|risk to churn|(?:likely|about|going|set) to (?:churn|leave|cancel|quit)|(?:may|might|could) (?:churn|leave|cancel|quit)|churn probability|probability of churn(?:ing)?|churn scores?|risk scores?)\b/;
/** Dimension names from the question vocabulary, so "churn risk by geography" reads as "churn rate by geography" does. */
let dimensionPatterns: { by: RegExp; which: RegExp } | null = null;
function patterns() {
  if (!dimensionPatterns) {
    const names = vocabulary()
      .dimensions.map((p) => p.text)
      .sort((a, b) => b.length - a.length)
      .join("|");
    dimensionPatterns = {
      by: new RegExp(
        `\\b(?:by|per|for each|across|split by|broken down by|for every|in each) (?:the |each |their )?(${names})\\b`,
      ),
      which: new RegExp(`\\b(?:which|what) (${names})\\b`),
    };
  }
  return dimensionPatterns;
}

/** The risk dimension a word names ("plans", "tier", "markets", "geography"), or null. */
export function riskDimension(word: string): RiskDimension | null {
  const dimension = findPhrase(tokenize(word), vocabulary().dimensions)?.phrase.target;
  return riskDimensions.find((d) => d === dimension) ?? null;
}

const profitWords =
  /\b(?:profitab\w*|(?:ltv|clv|cltv|lifetime value) (?:(?:to|vs|versus|over) )?(?:cac|acquisition cost)|unit economics|(?:pay|pays|paying) (?:for )?(?:itself|themselves|back)|worth (?:the|their) (?:acquisition )?(?:cost|spend|money))\b/;

const complaintWords =
  /\b(?:complain\w*|complaints?|grievances?|gripes?|pain points?|negative (?:feedback|comments?|reviews?|mentions?)|(?:unhappy|upset|angry|annoyed|frustrated|dissatisfied|disappointed) (?:about|with)|what (?:do|did|are) (?:customers|people|users|clients) (?:hate|dislike)|(?:top|main|biggest|common|most common) (?:issues|problems|complaints|themes)|complaint themes|what (?:is|are) (?:customers|people|users) (?:unhappy|upset|angry))\b/;

/** The insight a question asks for, or null when it is an ordinary metric question (or not understood). */
export function matchInsight(message: Utterance | string, today: string): InsightQuestion | null {
  const text = plainText(utteranceOf(message).text);
  if (complaintWords.test(text)) {
    const time = findTime(text, today);
    return { kind: "themes", range: time?.range ?? defaultRange(today) };
  }
  if (profitWords.test(text)) {
    const time = findTime(text, today);
    return {
      kind: "profitability",
      by: /\bsegments?\b/.test(text) ? "segment" : "channel",
      range: time?.range ?? defaultSeriesRange(today),
    };
  }
  if (riskWords.test(text) && !/\brfm\b/.test(text)) {
    const grouped = patterns().by.exec(text) ?? patterns().which.exec(text);
    if (grouped) {
      const word = grouped[1]!;
      return { kind: "risk_by", dimension: riskDimension(word), asked: word };
    }
    // "how many customers are in the at risk segment" is RFM: left to the parser.
    if (/\bsegments?\b/.test(text)) return null;
    return { kind: "at_risk" };
  }
  return null;
}
