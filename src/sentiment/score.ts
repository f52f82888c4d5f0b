/**
 * Sentiment of free text, -1 (negative) to 1 (positive), in every language
 * Pulse has a lexicon for (src/sentiment/lexicons: en, fi, pt, fa, hy, ka,
 * am). The language is the one asked for, else detected from the text with
 * the customer's locale as a tie-breaker (detect.ts). English adds wink-nlp's
 * model to its lexicon; the others are scored from their lexicon alone
 * (lexicon.ts). Deterministic and offline.
 *
 * Text in no language of ours, or empty, gets null: unread, not neutral.
 */
import { UnknownLanguageError } from "../errors.js";
import { sentimentOf } from "../questions/nlp.js";
import { detectLanguage } from "./detect.js";
import { languageCodes, lexiconOf } from "./languages.js";
import { lexiconScore, tokensOf } from "./lexicon.js";

export interface SentimentOptions {
  /** The text's language, when known for sure (`pulse sentiment --lang fi`). */
  language?: string | null;
  /** The writer's locale: only a hint, since customers often write in English. */
  locale?: string | null;
}

export interface Sentiment {
  score: number | null;
  /** ISO 639-1 code of the language it was read in; null when none of ours. */
  language: string | null;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The score of a comment of three words or more in which no word is known:
 * a faint lean to negative, since such comments are mostly complaints told
 * as events ("took ten days to answer", "logs me out every two minutes"):
 * two in three of our labelled ones that rated nothing were. Faint enough
 * that nothing counts it as a complaint (themes read below this).
 */
export const UNRATED_LEAN = -0.05;
const LEAN_MIN_WORDS = 3;

export function analyseSentiment(
  text: string | null | undefined,
  options: SentimentOptions = {},
): Sentiment {
  if (options.language && !lexiconOf(options.language))
    throw new UnknownLanguageError(options.language, languageCodes);
  if (!text || text.trim() === "") return { score: null, language: null };
  const lexicon = lexiconOf(options.language) ?? lexiconOf(detectLanguage(text, options.locale));
  if (!lexicon) return { score: null, language: null };
  const own = lexiconScore(text, lexicon).score;
  let score = own;
  if (lexicon.code === "en") {
    // Ours knows the shop's words ("late", "stale", "sorted out"); wink's model reads the
    // rest of English, so it speaks where our list has nothing to say.
    if (own === 0) score = Math.max(-1, Math.min(1, sentimentOf(text)));
  }
  if (score === 0 && tokensOf(text).filter((t) => /\p{L}/u.test(t)).length >= LEAN_MIN_WORDS)
    score = UNRATED_LEAN;
  return { score: round(score), language: lexicon.code };
}

/** The score alone, as imports and survey answers store it. */
export function scoreSentiment(
  text: string | null | undefined,
  options: SentimentOptions = {},
): number | null {
  return analyseSentiment(text, options).score;
}
