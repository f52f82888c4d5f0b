/**
 * The languages a question may be asked in, and the shape of a language's
 * rules: its lexicon (native stems to English-canonical words) and its
 * morphology (which affixes a word may carry around a stem). The English
 * reader (src/questions) reads the English-canonical text; nothing here
 * computes a query.
 */

export const languages = ["en", "fi", "fa", "hy", "ka", "am"] as const;
export type Lang = (typeof languages)[number];

/** A language other than English: one with a lexicon here. */
export type Foreign = Exclude<Lang, "en">;

export const isLang = (value: string): value is Lang =>
  (languages as readonly string[]).includes(value);

/**
 * What a lexicon word is, for the rules around it:
 * - `mod`: a time modifier (this, last, next) that belongs to the unit beside it;
 * - `unit`: a time unit (day, month): "each" with am በየ-;
 * - `month`: a month or year word whose case ending or prefix says "in", "from" or "to";
 * - `dim`: a dimension's name: fi -ittain, am በ- say "by";
 * - `metric`: a metric's name: am በ- says "by" (ranked by);
 * - `post`: a postposition ("X:n mukaan" = "by X"), moved before what it governs;
 * - `either`: a word before or after what it governs (fi "verrattuna"): moved only when a time modifier does not follow.
 */
export type Kind = "mod" | "unit" | "month" | "dim" | "metric" | "post" | "either";

/** One lexicon line: the native forms ("|" between alternatives, " " between words), the English, the kind. */
export type LexiconLine = readonly [forms: string, english: string, kind?: Kind];

/** What a glued prefix or a case ending adds, by the kind of word it is on. */
export type Adds = Partial<Record<Kind, string>>;

export interface Morphology {
  /** Glued prefixes that may come before a stem (am በ-, የ-), with what they add. */
  prefixes: readonly (readonly [prefix: string, adds: Adds])[];
  /** The affixes after a stem: a word is stem + a string this matches whole ("" included). */
  endings: RegExp;
  /** Endings that add a word by kind (fi -ssa "in" on a month, -ittain "by" on a dimension). */
  caseWords: readonly (readonly [ending: RegExp, adds: Adds])[];
  /** The key a stem is compared on (am: the last syllable's vowel dropped). */
  stemKey: (stem: string) => string;
  /** Shortest stem left after stripping affixes. */
  minStem: number;
  /** Compounds put the head last (fi kahvimyynti = coffee sales): an unknown word is tried as two known ones. */
  compounds?: boolean;
  /** Modifiers follow the noun (fa ماه گذشته = "month last"): moved before it for the English reader. */
  modAfter?: boolean;
}

export interface Language {
  lang: Foreign;
  /** Lower case, the script's own folding (fa letters, hy accents, am syllables in Latin). */
  fold: (text: string) => string;
  morphology: Morphology;
  lexicon: readonly LexiconLine[];
  /** Number words: "kolme" is 3. */
  numbers: Readonly<Record<string, number>>;
}
