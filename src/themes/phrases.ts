/**
 * The phrases a comment is about: its noun phrases (adjectives and nouns in
 * a row, ending in a noun: "terrible customer service", with its tails
 * "customer service" and "service"), stop words left out, nouns by their
 * lemma so "deliveries" and "delivery" count together. Read with wink-nlp's
 * part-of-speech tags.
 */
import { nlpEngine } from "../questions/nlp.js";

const MAX_WORDS = 3;
const nounTags = new Set(["NOUN", "PROPN"]);
const phraseTags = new Set(["NOUN", "PROPN", "ADJ"]);
/** Nouns that say when or how much, not what about: "after a week", "a lot". */
const vague = new Set(
  "second minute hour day week month year time today yesterday tomorrow lot bit thing stuff way one".split(
    " ",
  ),
);

/** Distinct phrases of one text, in the order they appear. */
export function phrasesOf(text: string): string[] {
  const nlp = nlpEngine();
  const its = nlp.its;
  const tokens = nlp.readDoc(text).tokens();
  const normal = tokens.out(its.normal) as string[];
  const lemma = tokens.out(its.lemma as Parameters<typeof tokens.out>[0]) as string[];
  const pos = tokens.out(its.pos) as string[];
  const stop = tokens.out(its.stopWordFlag) as unknown as boolean[];
  const type = tokens.out(its.type) as string[];
  const found: string[] = [];
  let run: number[] = [];
  const flush = () => {
    // The run up to its last noun: trailing adjectives ("tracking useless") are not part of the phrase.
    let end = run.length;
    while (end > 0 && !nounTags.has(pos[run[end - 1]!]!)) end--;
    // Every tail of the phrase counts too, so "terrible customer service" is also "customer service".
    for (let start = Math.max(0, end - MAX_WORDS); start < end; start++)
      found.push(
        run
          .slice(start, end)
          .map((i) => (nounTags.has(pos[i]!) ? lemma[i]! : normal[i]!))
          .join(" "),
      );
    run = [];
  };
  for (let i = 0; i < normal.length; i++) {
    const word = type[i] === "word" && /\p{L}{2,}/u.test(normal[i]!);
    const content = word && !stop[i] && phraseTags.has(pos[i]!) && !vague.has(lemma[i]!);
    if (content) run.push(i);
    else flush();
  }
  flush();
  return [...new Set(found)];
}
