/**
 * The seam where a message in another language becomes English-canonical
 * words before any reading rule runs: every rule is written once, for
 * English. The language layer (src/language: fi, fa, hy, ka, am) returns the
 * words an English speaker would have typed for the same request
 * ("liikevaihto viime kuussa" -> "revenue last month"), keeping numbers,
 * names and workspace values as written, and the word each English word
 * came from, so what a reader did not use is named back as the asker wrote
 * it. English passes unchanged.
 */
import type { CalendarId } from "../language/calendars.js";
import { type ReadContext, readLanguage } from "../language/read.js";
import type { Lang } from "../language/types.js";

export type LanguageCode = Lang;

export interface Canonical {
  /** The text in English-canonical words. */
  text: string;
  /** The language the message was written in. */
  language: LanguageCode;
  /** English word -> the word as written (empty for English). */
  sources: ReadonlyMap<string, string>;
  /** The calendar its dates were named in (آبان: persian), for the answer to name its range in. */
  calendar: CalendarId;
}

/** The workspace's values (ნინო is its owner Nino), today and its calendar (آبان is a Persian month), a language set for the chat. */
export type LanguageContext = ReadContext;

/** The English-canonical form of a message: identity for English. */
export function toCanonical(text: string, context: LanguageContext = {}): Canonical {
  const read = readLanguage(text, context);
  return {
    text: read.english,
    language: read.lang,
    sources: read.sources,
    calendar: read.calendar,
  };
}
