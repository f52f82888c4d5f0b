/**
 * Which language a comment is in. Armenian, Georgian, Ethiopic and Arabic
 * scripts each stand for the one language of ours written in them (hy, ka,
 * am, fa). Latin-script text is told apart (en, fi, pt) by its frequent
 * words and its letters (ä/ö, ã/ç/õ): more reliable on a four-word comment
 * than letter statistics. The customer's locale, when known, settles a tie.
 */

import { lexiconOf, lexicons } from "./languages.js";
import type { Lexicon } from "./lexicon.js";
import { normalise, tokensOf } from "./lexicon.js";

const scripts: [RegExp, string][] = [
  [/\p{Script=Armenian}/u, "hy"],
  [/\p{Script=Georgian}/u, "ka"],
  [/\p{Script=Ethiopic}/u, "am"],
  [/\p{Script=Arabic}/u, "fa"],
  [/\p{Script=Latin}/u, "latin"],
];

const letterHints: [RegExp, string][] = [
  [/[äö]/giu, "fi"],
  [/[ãõçâêô]/giu, "pt"],
];

/**
 * Shapes of words that only one of the Latin-script languages makes: Finnish
 * long vowels and case endings ("hotellihuone", "tupakalta"), English "th",
 * "-ing", "w", Portuguese "-ção", "nh". Half a vote a word: they settle a short
 * comment whose words are in no list ("Piti palauttaa kahdesti").
 */
const wordShapes: [RegExp, string][] = [
  [/(aa|ii|uu|yy|ää|öö|uo|yö|(ss|st|ll|lt)[aä]$|ksi$|nen$|ttaa$|kin$|sti$)/u, "fi"],
  [/(th|wh|ck|ght|tion|sh|w|ing$|ed$|ly$|[^aeiou]y$|'[st]$)/u, "en"],
  [/(ção|ções|ão|õe|nh|lh|qu[ei]|mente$|ado$|ada$)/u, "pt"],
];

const vocabulary = new Map<string, Set<string>>();

/** A language's stop words and whole rated words, as the detector compares them. */
function vocabularyOf(lexicon: Lexicon): Set<string> {
  let words = vocabulary.get(lexicon.code);
  if (!words) {
    const fold = lexicon.foldAccents ?? false;
    words = new Set(
      [
        ...lexicon.stopwords,
        ...lexicon.negators,
        ...Object.keys(lexicon.intensifiers),
        ...Object.keys(lexicon.words),
      ]
        .filter((w) => !w.includes(" "))
        .map((w) => normalise(w, fold)),
    );
    vocabulary.set(lexicon.code, words);
  }
  return words;
}

/** A word of the language: one of its words, or one of its longer stems ("recomend*"). */
function knows(words: Set<string>, token: string): boolean {
  if (words.has(token)) return true;
  for (const w of words)
    if (w.length > 5 && w.endsWith("*") && token.startsWith(w.slice(0, -1))) return true;
  return false;
}

function dominantScript(text: string): string | null {
  const counts = new Map<string, number>();
  for (const letter of text.match(/\p{L}/gu) ?? []) {
    const found = scripts.find(([pattern]) => pattern.test(letter));
    if (found) counts.set(found[1], (counts.get(found[1]) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [script, n] of counts) if (best === null || n > counts.get(best)!) best = script;
  return best;
}

/** The comment's language code, or null when it is in none of ours. */
export function detectLanguage(text: string, locale?: string | null): string | null {
  const script = dominantScript(text);
  if (script === null) return null;
  if (script !== "latin") return script;
  const hinted = lexiconOf(locale);
  const votes = new Map<string, number>();
  for (const lexicon of lexicons.values()) {
    if (dominantScript(lexicon.stopwords.join(" ")) !== "latin") continue;
    const words = vocabularyOf(lexicon);
    const tokens = tokensOf(normalise(text, lexicon.foldAccents ?? false));
    let n = tokens.filter((t) => knows(words, t)).length;
    for (const [shape, code] of wordShapes)
      if (code === lexicon.code) n += 0.5 * tokens.filter((t) => shape.test(t)).length;
    for (const [pattern, code] of letterHints)
      if (code === lexicon.code) n += 2 * (text.match(pattern)?.length ?? 0);
    if (lexicon === hinted) n += 0.5;
    votes.set(lexicon.code, n);
  }
  let best: string | null = null;
  for (const [code, n] of votes) if (n > 0 && (best === null || n > votes.get(best)!)) best = code;
  return best ?? hinted?.code ?? null;
}
