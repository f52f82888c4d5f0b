/**
 * Sentiment of free text, -1 (negative) to 1 (positive), scored by wink-nlp's
 * English model (which handles negation: "not good" is negative). Text that is
 * mostly not in the Latin script (Armenian, Georgian, Amharic, Persian, ...)
 * gets null: the model cannot read it, and "neutral" would be a guess. So does
 * Latin-script text the model scores 0 without one common English word in it
 * (Portuguese reviews, Finnish comments): unread, not neutral.
 */
import { sentimentOf } from "../questions/nlp.js";

const englishWord =
  /\b(?:the|a|an|is|was|are|were|and|or|to|it|not|no|very|i|my|you|we|they|this|that|of|for|with|on|in|at|but|so|too|had|have|has)\b/i;

export function scoreSentiment(text: string | null | undefined): number | null {
  if (!text || text.trim() === "") return null;
  const letters = text.match(/\p{L}/gu) ?? [];
  const latin = text.match(/\p{Script=Latin}/gu) ?? [];
  if (letters.length === 0 || latin.length / letters.length < 0.5) return null;
  const score = sentimentOf(text);
  if (score === 0 && !englishWord.test(text)) return null;
  return Math.max(-1, Math.min(1, score));
}
