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
import { readLanguage } from "../language/read.js";
import type { Lang } from "../language/types.js";
import type { WorkspaceValues } from "../questions/workspace-values.js";

export type LanguageCode = Lang;

export interface Canonical {
  /** The text in English-canonical words. */
  text: string;
  /** The language the message was written in. */
  language: LanguageCode;
  /** English word -> the word as written (empty for English). */
  sources: ReadonlyMap<string, string>;
}

export interface LanguageContext {
  /** The workspace's own values: a name written in another script is one of them (ნინო is Nino). */
  values?: WorkspaceValues;
  /** The chat's or the person's language, when set: no detection. */
  language?: LanguageCode | null;
}

/** The English-canonical form of a message: identity for English. */
export function toCanonical(text: string, context: LanguageContext = {}): Canonical {
  const read = readLanguage(text, context.values, context.language ?? null);
  return { text: read.english, language: read.lang, sources: read.sources };
}
