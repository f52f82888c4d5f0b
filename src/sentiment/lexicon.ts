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
  /**
   * Words that negate only the word right after them ("without", "ilman",
   * "առանց"): "late without a reason" is still late.
   */
  negatorsNext?: readonly string[];
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
   * a negator before a word that carries a negation of its own agrees with it
   * and does not turn it around. A plain negative word is still turned
   * around ("ոչինչ չէր կոտրվել", "nothing was broken").
   */
  negativeConcord?: boolean;
  /**
   * Particles a word may carry in front ("ለ", "በ", "የ" in Amharic): a word
   * not found is looked up again without one.
   */
  prefixes?: readonly string[];
  /** Endings a word may carry (Armenian "ը", "ն"; Persian "ه", "ش"): looked up again without one. */
  suffixes?: readonly string[];
  /**
   * Prefixes that turn the word they are on around (Armenian "չօգնեց" is
   * "օգնեց" negated, Persian "نرسید", Amharic "አልረዳም").
   */
  negatingPrefixes?: readonly string[];
  /**
   * A word that negates on its own although nothing rated follows it
   * (Amharic "አልደረሰም" "did not arrive"): such a comment leans negative.
   */
  negatedForm?: RegExp;
  /**
   * Amharic negates a verb with a frame, a prefix and a final "ም" (አል...ም,
   * አይ...ም, ያል...): by consonants, the prefixes as they begin the word
   * ("አለ" for አል/አላ, "አየ" for አይ) and whether "ም" must end it.
   */
  consonantNegation?: readonly { prefix: string; final: boolean }[];
  /**
   * Ethiopic writes a vowel into each consonant's letter, and inflection
   * changes it ("ተበላሸ", "ተበላሽቷል"): a word not found is compared by its
   * consonants with the stems of three consonants or more.
   */
  consonantStems?: boolean;
  /** "but": the clause after it outweighs the one before ("cheap but it broke"). */
  contrast?: readonly string[];
  /**
   * Compounds end in their head word (Finnish "ajan|hukkaa", "laatu|ongelma"):
   * a word not found is rated by the longest known word it ends in.
   */
  compoundHeads?: boolean;
}

/** Words after a negator that it still reaches ("not really very good"). */
const NEGATION_REACH = 3;
/** Words between a rated word and a negator after it ("ارزش پولش را نداشت"). */
const AFTER_REACH = 3;
/** VADER's factor: a negated word keeps most of its strength, turned around. */
const NEGATED = -0.74;
/** VADER's normalisation constant. */
const ALPHA = 15;
/** VADER's weights around "but": the clause before counts half, the one after half again. */
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
/**
 * A comment that negates something but rates nothing ("the parcel did not
 * come", "nobody answers") is a complaint more often than not: it counts as
 * one mildly negative word.
 */
const UNRATED_NEGATION = -1;
/** Letters of a compound's first part and of its head ("ajan|hukkaa"). */
const MIN_COMPOUND_PART = 3;
const MIN_COMPOUND_HEAD = 5;
/** Consonants a stem needs before it is compared by consonants alone. */
const MIN_CONSONANTS = 3;

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
  "👌": 2,
  "🙌": 2,
  "🙏": 2,
  "😄": 2,
  "😆": 2,
  "😉": 1,
  "😎": 2,
  "🤩": 3,
  "😘": 3,
  "💯": 2,
  "🔥": 2,
  "⭐": 2,
  "🌟": 2,
  "🎉": 2,
  "💪": 2,
  "✅": 1,
  "💖": 3,
  "💕": 3,
  "💙": 3,
  "💚": 3,
  "😤": -2,
  "🙄": -2,
  "😒": -2,
  "😔": -2,
  "😩": -2,
  "😫": -2,
  "😖": -2,
  "😣": -2,
  "😑": -1,
  "😐": -1,
  "😕": -1,
  "😟": -2,
  "😧": -2,
  "😰": -2,
  "🤮": -3,
  "🤢": -3,
  "🤦": -2,
  "💔": -3,
  "❌": -2,
  "🐌": -2,
  "👿": -3,
};

const ZWNJ = /\u200c/g;

/**
 * Ethiopic letters that Amharic pronounces alike and writers mix (ሐ/ኀ/ሀ,
 * ሠ/ሰ, ዐ/አ, ፀ/ጸ): one form each, same vowel.
 */
function ethiopicHomophone(letter: string): string {
  const cp = letter.codePointAt(0)!;
  const order = (cp - 0x1200) % 8;
  const row = cp - order;
  const base =
    row === 0x1210 || row === 0x1280
      ? 0x1200
      : row === 0x1220
        ? 0x1230
        : row === 0x12d0
          ? 0x12a0
          : 0x1338;
  return String.fromCodePoint(base + order);
}

/** An Ethiopic word's consonants: each syllable as its first-order letter ("ተበላሽ" -> "ተበለሸ"). */
export function consonantsOf(word: string): string {
  let out = "";
  for (const letter of word) {
    const cp = letter.codePointAt(0)!;
    out += cp >= 0x1200 && cp <= 0x1357 ? String.fromCodePoint(cp - ((cp - 0x1200) % 8)) : letter;
  }
  return out;
}
const marks = /\p{M}/gu;

/** Lower case, one form per letter (Arabic/Persian yeh and kaf), and accents off where asked. */
export function normalise(text: string, foldAccents = false): string {
  let out = text
    .normalize("NFC")
    .toLowerCase()
    .replace(ZWNJ, "")
    .replace(/ي/g, "ی")
    .replace(/ك/g, "ک")
    .replace(/[\u064B-\u065F\u0670\u0640]/g, "")
    .replace(/[أإٱ]/g, "ا")
    .replace(/ۀ/g, "ه")
    .replace(
      /[\u1210-\u1217\u1220-\u1227\u1280-\u1287\u12d0-\u12d7\u1340-\u1347]/gu,
      ethiopicHomophone,
    );
  // "sooo slow", "goooood": a run of three or more letters as two.
  out = out.replace(/(\p{L})\1{2,}/gu, "$1$1");
  if (foldAccents) out = out.normalize("NFD").replace(marks, "").normalize("NFC");
  return out;
}

/** Where a clause ends, negation and emphasis end too ("never again, the worst shop"). */
const CLAUSE = ",";

/** Words (letters, with inner apostrophes), emoji and clause marks (as ","), in order. */
export function tokensOf(text: string): string[] {
  return (
    text.match(
      /\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|[\u200D\u2640\u2642]+)*|[\p{L}\p{M}]+(?:['’][\p{L}]+)*|[,.;:!?،؛።፣፤՝։]/gu,
    ) ?? []
  ).map((t) => (/^[,.;:!?،؛።፣፤՝։]$/u.test(t) ? CLAUSE : t.replace("’", "'")));
}

interface Compiled {
  lexicon: Lexicon;
  exact: Map<string, number>;
  stems: [string, number][];
  /** Every entry by its consonants (Ethiopic), longest first. */
  consonantStems: [string, number][];
  phrases: { words: string[]; value: number }[];
  negators: (token: string) => boolean;
  negatorsNext: (token: string) => boolean;
  negatorsAfter: (token: string) => boolean;
  intensifiers: Map<string, number>;
  prefixes: string[];
  suffixes: string[];
  negatingPrefixes: string[];
  contrast: Set<string>;
  /** Stems of two consonants or more, for words inside a negation frame. */
  framedStems: [string, number][];
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

const longestFirst = (list: readonly string[] | undefined, fold: boolean): string[] =>
  (list ?? []).map((x) => normalise(x, fold)).sort((a, b) => b.length - a.length);

function compile(lexicon: Lexicon): Compiled {
  const found = compiled.get(lexicon);
  if (found) return found;
  const fold = lexicon.foldAccents ?? false;
  const exact = new Map<string, number>();
  const stems: [string, number][] = [];
  const consonantStems: [string, number][] = [];
  const framedStems: [string, number][] = [];
  const phrases: { words: string[]; value: number }[] = [];
  for (const [key, value] of Object.entries(lexicon.words)) {
    const k = normalise(key, fold);
    if (k.includes(" ")) phrases.push({ words: k.split(/\s+/), value });
    else if (k.endsWith("*")) stems.push([k.slice(0, -1), value]);
    else exact.set(k, value);
    // Stems only: a word listed whole ("የቆየ" stale) means that spelling alone.
    if (lexicon.consonantStems && k.endsWith("*") && !k.includes(" ")) {
      const c = consonantsOf(k.replace(/\*$/, ""));
      if ([...c].length >= MIN_CONSONANTS) consonantStems.push([c, value]);
      if ([...c].length >= 2) framedStems.push([c, value]);
    }
  }
  // Longest stem first, so "kallii*" beats "kal*".
  stems.sort((a, b) => b[0].length - a[0].length);
  consonantStems.sort((a, b) => b[0].length - a[0].length);
  framedStems.sort((a, b) => b[0].length - a[0].length);
  phrases.sort((a, b) => b.words.length - a.words.length);
  const result: Compiled = {
    lexicon,
    exact,
    stems,
    consonantStems,
    phrases,
    negators: matcher(lexicon.negators, fold),
    negatorsNext: matcher(lexicon.negatorsNext ?? [], fold),
    negatorsAfter: matcher(lexicon.negatorsAfter ?? [], fold),
    intensifiers: new Map(
      Object.entries(lexicon.intensifiers).map(([k, v]) => [normalise(k, fold), v]),
    ),
    prefixes: longestFirst(lexicon.prefixes, fold),
    suffixes: longestFirst(lexicon.suffixes, fold),
    negatingPrefixes: longestFirst(lexicon.negatingPrefixes, fold),
    contrast: new Set((lexicon.contrast ?? []).map((x) => normalise(x, fold))),
    framedStems,
  };
  compiled.set(lexicon, result);
  return result;
}

/** A phrase's word is a whole word, or a stem when it ends in `*`. */
const wordMatches = (word: string, token: string | undefined): boolean =>
  token !== undefined &&
  (word.endsWith("*") ? token.startsWith(word.slice(0, -1)) : token === word);

/** The token as an entry: itself, a stem of it, or itself less an ending. */
function lookUp(c: Compiled, token: string): number | undefined {
  const exact = c.exact.get(token);
  if (exact !== undefined) return exact;
  for (const [stem, value] of c.stems) if (token.startsWith(stem)) return value;
  // Three letters at least are left, so "بدن" (body) is not "بد" (bad) with an ending.
  for (const suffix of c.suffixes)
    if (token.length >= suffix.length + 3 && token.endsWith(suffix)) {
      const bare = token.slice(0, -suffix.length);
      const found = c.exact.get(bare);
      if (found !== undefined) return found;
    }
  return undefined;
}

/** The token as an entry, also without a particle in front or compared by consonants. */
function lookUpInflected(c: Compiled, token: string): number | undefined {
  const direct = lookUp(c, token);
  if (direct !== undefined) return direct;
  for (const prefix of c.prefixes)
    if (token.length > prefix.length + 1 && token.startsWith(prefix)) {
      const found = lookUp(c, token.slice(prefix.length));
      if (found !== undefined) return found;
    }
  if (c.lexicon.compoundHeads) {
    const letters = [...token];
    for (let i = MIN_COMPOUND_PART; i <= letters.length - MIN_COMPOUND_HEAD; i++) {
      const found = lookUp(c, letters.slice(i).join(""));
      if (found !== undefined) return found;
    }
  }
  if (c.consonantStems.length > 0) {
    const consonants = consonantsOf(token);
    for (const [stem, value] of c.consonantStems) if (consonants.startsWith(stem)) return value;
  }
  return undefined;
}

interface Rating {
  value: number;
  /** The word carries its own negation (Armenian "չօգնեց"). */
  negated: boolean;
}

function ratingOf(c: Compiled, token: string): Rating | undefined {
  const e = emoji[token] ?? emoji[token.replace(/\uFE0F/g, "")];
  if (e !== undefined) return { value: e, negated: false };
  const found = lookUpInflected(c, token);
  if (found !== undefined) return { value: found, negated: false };
  for (const prefix of c.negatingPrefixes)
    if (token.length > prefix.length + 1 && token.startsWith(prefix)) {
      const value = lookUpInflected(c, token.slice(prefix.length));
      if (value !== undefined && value !== 0) return { value, negated: true };
    }
  const framed = framedStem(c, token);
  if (framed !== undefined) return { value: framed, negated: true };
  return undefined;
}

/** The rating of the verb inside an Amharic negation frame ("አላረካኝም" -> "ረካ"). */
function framedStem(c: Compiled, token: string): number | undefined {
  const frames = c.lexicon.consonantNegation;
  if (!frames) return undefined;
  const consonants = [...consonantsOf(token)];
  for (const { prefix, final } of frames) {
    const p = [...prefix];
    if (consonants.length < p.length + 2 || consonants.slice(0, p.length).join("") !== prefix)
      continue;
    if (final && consonants.at(-1) !== "መ") continue;
    const inner = consonants.slice(p.length).join("");
    for (const [stem, value] of c.framedStems)
      if (value !== 0 && inner.startsWith(stem)) return value;
  }
  return undefined;
}

/** Whether the word carries a negation of its own ("չպատասխանեց", "አልደረሰም", "نرسید"). */
function isNegatedForm(c: Compiled, token: string): boolean {
  if (c.negators(token) || c.negatorsNext(token) || c.negatorsAfter(token)) return true;
  if (c.lexicon.negatedForm?.test(token)) return true;
  return c.negatingPrefixes.some((p) => token.length > p.length + 1 && token.startsWith(p));
}

/** The text's rated words, with negation and intensity applied, as one number in -1..1. */
export function lexiconScore(text: string, lexicon: Lexicon): { score: number; rated: number } {
  const c = compile(lexicon);
  const tokens = tokensOf(normalise(text, lexicon.foldAccents ?? false));
  let sum = 0;
  let rated = 0;
  let negatedFor = 0;
  let negationSeen = false;
  let boost = 1;
  let weight = 1;
  let previous: { index: number; value: number; negated: boolean } | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === CLAUSE) {
      negatedFor = 0;
      boost = 1;
      previous = null;
      continue;
    }
    if (c.contrast.has(token)) {
      // "cheap, but it broke": what follows "but" is what the writer means.
      sum *= BEFORE_CONTRAST;
      weight = AFTER_CONTRAST;
      negatedFor = 0;
      boost = 1;
      previous = null;
      continue;
    }
    const phrase = c.phrases.find((p) => p.words.every((w, k) => wordMatches(w, tokens[i + k])));
    const rating = phrase ? { value: phrase.value, negated: false } : ratingOf(c, token);
    if (rating === undefined) {
      if (c.negatorsAfter(token) && previous && i - previous.index <= AFTER_REACH) {
        // "خوب نیست": take back the word just counted and count it turned around,
        // unless a negator before it did already ("اصلا ارزش ... نداشت" is one negation).
        if (!previous.negated) sum += (NEGATED - 1) * previous.value;
        previous = null;
        negationSeen = true;
      } else if (c.negatorsNext(token)) {
        negatedFor = 1;
      } else if (c.negators(token)) {
        negatedFor = NEGATION_REACH;
        negationSeen = true;
      } else if (c.intensifiers.has(token)) boost *= c.intensifiers.get(token)!;
      else {
        if (c.negatorsAfter(token) || lexicon.negatedForm?.test(token)) negationSeen = true;
        if (negatedFor > 0) negatedFor--;
      }
      continue;
    }
    const { value } = rating;
    let v = value * boost * weight;
    const words = phrase ? tokens.slice(i, i + phrase.words.length) : [token];
    // "nobody" + "did-not-answer" is one negation where the language doubles it.
    const agrees =
      rating.negated ||
      (lexicon.negativeConcord === true && value < 0 && words.some((w) => isNegatedForm(c, w)));
    const negated = rating.negated || (negatedFor > 0 && !agrees);
    if (negated) v *= NEGATED;
    if (rating.negated) negationSeen = true;
    sum += v;
    if (value !== 0) rated++;
    // A word or phrase that carries its own negation ("ոչ մի խնդիր") agrees with a
    // negator after it ("... չեմ ունեցել") where the language doubles negation.
    const negatedAlready =
      negated || (lexicon.negativeConcord === true && words.some((w) => isNegatedForm(c, w)));
    previous = {
      index: i + (phrase ? phrase.words.length - 1 : 0),
      value: v,
      negated: negatedAlready,
    };
    boost = 1;
    if (phrase) i += phrase.words.length - 1;
    // A negator reaches past adverbs to the first rated word, not beyond it.
    negatedFor = 0;
  }
  if (sum === 0 && negationSeen) sum = UNRATED_NEGATION;
  return { score: sum / Math.sqrt(sum * sum + ALPHA), rated };
}
