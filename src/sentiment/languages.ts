/** The languages Pulse reads sentiment in, by ISO 639-1 code. */
import type { Lexicon } from "./lexicon.js";
import { am } from "./lexicons/am.js";
import { en } from "./lexicons/en.js";
import { fa } from "./lexicons/fa.js";
import { fi } from "./lexicons/fi.js";
import { hy } from "./lexicons/hy.js";
import { ka } from "./lexicons/ka.js";
import { pt } from "./lexicons/pt.js";

export const lexicons: ReadonlyMap<string, Lexicon> = new Map(
  [en, fi, pt, fa, hy, ka, am].map((l) => [l.code, l]),
);

export const languageCodes = [...lexicons.keys()];

/** "fi", "fi-FI", "fi_FI" -> the lexicon of Finnish; a language without one -> undefined. */
export function lexiconOf(locale: string | null | undefined): Lexicon | undefined {
  if (!locale) return undefined;
  return lexicons.get(locale.toLowerCase().split(/[-_]/)[0]!);
}

/** "fi" -> "Finnish"; an unknown code is said as it is. */
export const languageName = (code: string): string => lexicons.get(code)?.name ?? code;
