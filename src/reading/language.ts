/**
 * The seam where a message in another language becomes English-canonical
 * words before any reading rule runs: every rule is written once, for
 * English. A language layer (fi, fa, hy, ka, am) fills `toCanonical` for its
 * language: it returns the words an English speaker would have typed for the
 * same request ("liikevaihto viime kuussa" -> "revenue last month"), keeping
 * numbers, names and workspace values as written. English passes unchanged.
 */

export type LanguageCode = "en" | "fi" | "fa" | "hy" | "ka" | "am";

export interface Canonical {
  /** The text in English-canonical words. */
  text: string;
  /** The language the message was written in. */
  language: LanguageCode;
}

export type Canonicaliser = (text: string) => Canonical | null;

const layers: Canonicaliser[] = [];

/** A language layer registers itself here; the first that recognises a text rewrites it. */
export function registerLanguage(layer: Canonicaliser): void {
  layers.push(layer);
}

/** The English-canonical form of a message: identity for English (and for any text no layer claims). */
export function toCanonical(text: string): Canonical {
  for (const layer of layers) {
    const canonical = layer(text);
    if (canonical) return canonical;
  }
  return { text, language: "en" };
}
