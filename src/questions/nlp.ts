/**
 * wink-nlp with its English model, loaded once on first use (about 0.6 s):
 * tokens with their lemmas, so "customers lost" matches "lost customer" and
 * "signups" matches "signup".
 */

import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";

export interface Token {
  /** The word as written (lower case). */
  value: string;
  lemma: string;
}

let nlp: ReturnType<typeof winkNLP> | null = null;
let loadMs = 0;

function load(): ReturnType<typeof winkNLP> {
  if (!nlp) {
    const started = performance.now();
    nlp = winkNLP(model);
    loadMs = performance.now() - started;
  }
  return nlp;
}

/** The loaded engine, for other text analyses (themes) that need more than tokens and sentiment. */
export const nlpEngine = (): ReturnType<typeof winkNLP> => load();

/** How long loading the model took, in milliseconds (0 before it is loaded). */
export const modelLoadMs = (): number => loadMs;

/** Word and number tokens of a (lower-case, cleaned) text, punctuation dropped. */
export function tokenize(text: string): Token[] {
  const engine = load();
  const its = engine.its;
  const tokens = engine.readDoc(text).tokens();
  const values = tokens.out(its.value) as string[];
  const lemmas = tokens.out(its.lemma as Parameters<typeof tokens.out>[0]) as string[];
  const types = tokens.out(its.type) as string[];
  const out: Token[] = [];
  values.forEach((value, i) => {
    if (types[i] === "punctuation" && value !== ";") return;
    out.push({ value, lemma: lemmas[i] ?? value });
  });
  return out;
}

let lexiconSize: number | null = null;

/**
 * True for a word of the model's English lexicon ("repeat", "losing"), false
 * for one it has never seen ("chrun", "revnue", "tiktok"). The model numbers
 * its own words first and every unseen word after them, so the first unseen
 * word's number, read once, is where the lexicon ends.
 */
export function isEnglishWord(word: string): boolean {
  const engine = load();
  const idOf = (text: string) =>
    (
      engine
        .readDoc(text)
        .tokens()
        .out(engine.its.uniqueId as never) as unknown as number[]
    )[0] ?? Number.POSITIVE_INFINITY;
  lexiconSize ??= idOf("qxzqvjkwq");
  return idOf(word) < lexiconSize;
}

/**
 * The words of a text that name things (nouns, proper nouns, numbers), as
 * the tagger reads them in their sentence: "espresso machines" in "how did
 * the espresso machines sell", not "exactly" in "revenue last month exactly".
 */
export function namingWords(text: string): Set<string> {
  const engine = load();
  const tokens = engine.readDoc(text).tokens();
  const values = tokens.out(engine.its.value) as string[];
  const tags = tokens.out(engine.its.pos) as string[];
  return new Set(values.filter((_, i) => ["NOUN", "PROPN", "NUM"].includes(tags[i] ?? "")));
}

/** Document sentiment, -1..1, from the same model. */
export function sentimentOf(text: string): number {
  const engine = load();
  return engine.readDoc(text).out(engine.its.sentiment) as unknown as number;
}
