/**
 * The language layer in front of the English reader: a message in fi, fa,
 * hy, ka or am becomes English-canonical words, and the words the reader did
 * not use are named back as the asker wrote them. English goes through
 * untouched.
 */
import type { CalendarId } from "./calendars.js";
import { detectLanguage } from "./detect.js";
import { packs } from "./packs.js";
import { type TranslateContext, translate } from "./translate.js";
import type { Lang } from "./types.js";

export interface Read {
  lang: Lang;
  /** What the English reader reads. */
  english: string;
  /** English word -> the word as written; empty for English. */
  sources: ReadonlyMap<string, string>;
  /** The calendar the question's dates were named in. */
  calendar: CalendarId;
}

const none: ReadonlyMap<string, string> = new Map();

/** As the English reader: nobody types an analytics question longer than this. */
const MAX_LENGTH = 500;

export interface ReadContext extends TranslateContext {
  /** The chat's or the person's language, when set: no detection. */
  language?: Lang | null;
}

export function readLanguage(text: string, context: ReadContext = {}): Read {
  const lang = detectLanguage(text.slice(0, MAX_LENGTH), context.language ?? null);
  if (lang === "en") return { lang, english: text, sources: none, calendar: "gregorian" };
  const translated = translate(text.slice(0, MAX_LENGTH), packs[lang], context);
  return {
    lang,
    english: translated.text,
    sources: translated.sources,
    calendar: translated.calendar,
  };
}

/** The reader's left-over English words as the asker wrote them, each once. */
export function nameBack(words: readonly string[], read: Read): string[] {
  if (read.lang === "en") return [...words];
  return [...new Set(words.map((w) => read.sources.get(w) ?? w))];
}
