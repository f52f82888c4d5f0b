/**
 * A sentiment lexicon of one language and the scorer that reads it: the
 * AFINN way (words rated -5..5, summed), with the negation and intensifier
 * rules of VADER (a negator flips and damps the next rated words, "very"
 * strengthens, "a bit" softens), normalised into -1..1 by VADER's s/√(s²+15).
 */

export interface Lexicon {
  /** ISO 639-1 code. */
  code: string;
  /** Its name in English, for answers ("Finnish"). */
  name: string;
  /**
   * Rated words and phrases, -5..5. A key ending in `*` is a stem: it rates
   * every word that starts with it ("toimitu*" for toimitus, toimituksen),
   * the longest stem winning; a key with spaces is a phrase of whole words.
   */
  words: Readonly<Record<string, number>>;
  /** Words that negate the rated words after them ("not", "ei"); stems allowed. */
  negators: readonly string[];
  /** Words that negate the rated word just before them (Persian "خوب نیست", Armenian "լավ չէ"). */
  negatorsAfter?: readonly string[];
  /** Words that scale the next rated word: "very" 1.5, "a bit" 0.6. */
  intensifiers: Readonly<Record<string, number>>;
  /** Frequent words that tell the language apart from others in the same script. */
  stopwords: readonly string[];
  /** Latin-script languages compare words without accents ("otimo" is "ótimo"). */
  foldAccents?: boolean;
  /**
   * Negative concord (Armenian "ոչ ոք չպատասխանեց", "nobody did-not-answer"):
   * a negator before a word that is negative already agrees with it and does
   * not turn it around.
   */
  negativeConcord?: boolean;
}

/** Words after a negator that it still reaches ("not really very good"). */
const NEGATION_REACH = 3;
/** Words between a rated word and a negator after it ("ارزش پولش را نداشت"). */
const AFTER_REACH = 3;
/** VADER's factor: a negated word keeps most of its strength, turned around. */
const NEGATED = -0.74;
/** VADER's normalisation constant. */
const ALPHA = 15;

/** Emoji mean the same in every language. */
export const emoji: Readonly<Record<string, number>> = {
  "👍": 2,
  "👎": -2,
  "😍": 3,
  "❤": 3,
  "❤️": 3,
  "😊": 2,
  "🙂": 1,
  "😀": 2,
  "😃": 2,
  "😁": 2,
  "🥰": 3,
  "👏": 2,
  "🙁": -2,
  "☹": -2,
  "😞": -2,
  "😢": -2,
  "😭": -2,
  "😡": -3,
  "😠": -3,
  "🤬": -3,
  "💩": -3,
};

const ZWNJ = /\u200c/g;
const marks = /\p{M}/gu;

/** Lower case, one form per letter (Arabic/Persian yeh and kaf), and accents off where asked. */
export function normalise(text: string, foldAccents = false): string {
  let out = text
    .normalize("NFC")
    .toLowerCase()
    .replace(ZWNJ, "")
    .replace(/ي/g, "ی")
    .replace(/ك/g, "ک")
    .replace(/[\u064B-\u065F\u0670]/g, "");
  if (foldAccents) out = out.normalize("NFD").replace(marks, "").normalize("NFC");
  return out;
}

/** Where a clause ends, negation and emphasis end too ("never again, the worst shop"). */
const CLAUSE = ",";

/** Words (letters, with inner apostrophes), emoji and clause marks (as ","), in order. */
export function tokensOf(text: string): string[] {
  return (
    text.match(
      /\p{Extended_Pictographic}\uFE0F?|[\p{L}\p{M}]+(?:['’][\p{L}]+)*|[,.;:!?،؛።፣፤՝։]/gu,
    ) ?? []
  ).map((t) => (/^[,.;:!?،؛።፣፤՝։]$/u.test(t) ? CLAUSE : t.replace("’", "'")));
}

interface Compiled {
  lexicon: Lexicon;
  exact: Map<string, number>;
  stems: [string, number][];
  phrases: { words: string[]; value: number }[];
  negators: (token: string) => boolean;
  negatorsAfter: (token: string) => boolean;
  intensifiers: Map<string, number>;
}

function matcher(entries: readonly string[], fold: boolean): (token: string) => boolean {
  const exact = new Set<string>();
  const stems: string[] = [];
  for (const entry of entries) {
    const e = normalise(entry, fold);
    if (e.endsWith("*")) stems.push(e.slice(0, -1));
    else exact.add(e);
  }
  return (token) => exact.has(token) || stems.some((s) => token.startsWith(s));
}

const compiled = new WeakMap<Lexicon, Compiled>();

function compile(lexicon: Lexicon): Compiled {
  const found = compiled.get(lexicon);
  if (found) return found;
  const fold = lexicon.foldAccents ?? false;
  const exact = new Map<string, number>();
  const stems: [string, number][] = [];
  const phrases: { words: string[]; value: number }[] = [];
  for (const [key, value] of Object.entries(lexicon.words)) {
    const k = normalise(key, fold);
    if (k.includes(" ")) phrases.push({ words: k.split(/\s+/), value });
    else if (k.endsWith("*")) stems.push([k.slice(0, -1), value]);
    else exact.set(k, value);
  }
  // Longest stem first, so "kallii*" beats "kal*".
  stems.sort((a, b) => b[0].length - a[0].length);
  phrases.sort((a, b) => b.words.length - a.words.length);
  const result: Compiled = {
    lexicon,
    exact,
    stems,
    phrases,
    negators: matcher(lexicon.negators, fold),
    negatorsAfter: matcher(lexicon.negatorsAfter ?? [], fold),
    intensifiers: new Map(
      Object.entries(lexicon.intensifiers).map(([k, v]) => [normalise(k, fold), v]),
    ),
  };
  compiled.set(lexicon, result);
  return result;
}

/** A phrase's word is a whole word, or a stem when it ends in `*`. */
const wordMatches = (word: string, token: string | undefined): boolean =>
  token !== undefined &&
  (word.endsWith("*") ? token.startsWith(word.slice(0, -1)) : token === word);

function ratingOf(c: Compiled, token: string): number | undefined {
  const e = emoji[token] ?? emoji[token.replace(/\uFE0F/g, "")];
  if (e !== undefined) return e;
  const exact = c.exact.get(token);
  if (exact !== undefined) return exact;
  for (const [stem, value] of c.stems) if (token.startsWith(stem)) return value;
  return undefined;
}

/** The text's rated words, with negation and intensity applied, as one number in -1..1. */
export function lexiconScore(text: string, lexicon: Lexicon): { score: number; rated: number } {
  const c = compile(lexicon);
  const tokens = tokensOf(normalise(text, lexicon.foldAccents ?? false));
  let sum = 0;
  let rated = 0;
  let negatedFor = 0;
  let boost = 1;
  let previous: { index: number; value: number; negated: boolean } | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === CLAUSE) {
      negatedFor = 0;
      boost = 1;
      previous = null;
      continue;
    }
    const phrase = c.phrases.find((p) => p.words.every((w, k) => wordMatches(w, tokens[i + k])));
    const value = phrase ? phrase.value : ratingOf(c, token);
    if (value === undefined) {
      if (c.negatorsAfter(token) && previous && i - previous.index <= AFTER_REACH) {
        // "خوب نیست": take back the word just counted and count it turned around,
        // unless a negator before it did already ("اصلا ارزش ... نداشت" is one negation).
        if (!previous.negated) sum += (NEGATED - 1) * previous.value;
        previous = null;
      } else if (c.negators(token)) negatedFor = NEGATION_REACH;
      else if (c.intensifiers.has(token)) boost *= c.intensifiers.get(token)!;
      else if (negatedFor > 0) negatedFor--;
      continue;
    }
    let v = value * boost;
    const negated = negatedFor > 0 && !(lexicon.negativeConcord && value < 0);
    if (negated) v *= NEGATED;
    sum += v;
    rated++;
    previous = { index: i + (phrase ? phrase.words.length - 1 : 0), value: v, negated };
    boost = 1;
    if (phrase) i += phrase.words.length - 1;
    // A negator reaches past adverbs to the first rated word, not beyond it.
    negatedFor = 0;
  }
  return { score: sum / Math.sqrt(sum * sum + ALPHA), rated };
}
