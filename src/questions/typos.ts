/**
 * Typo tolerance: a word that is not in the vocabulary is replaced by the
 * vocabulary word at the smallest edit distance (optimal string alignment,
 * so "chrun" is one swap from "churn"), if that distance is small for the
 * word's length. Short words are left alone: "cac" must not eat "car".
 */

/** Edit distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
  }
  return d[rows * cols - 1]!;
}

/** How many edits a word of this length may carry and still be recognised. */
export const allowedEdits = (length: number): number => (length <= 3 ? 0 : length <= 5 ? 1 : 2);

export interface Corrector {
  correct(word: string): string;
}

/**
 * A corrector over a vocabulary; `keep` lists ordinary words that are never
 * corrected, and `isWord` tells other real words, which are no typos either
 * ("repeat" is not "recent", "losing" not "closing").
 */
export function createCorrector(
  vocabulary: Iterable<string>,
  keep: ReadonlySet<string>,
  isWord: (word: string) => boolean = () => false,
): Corrector {
  const words = [...new Set(vocabulary)].filter((w) => w.length > 3);
  const known = new Set(words);
  // Candidates by length: a word can only be within `limit` edits of words within `limit` letters of its length.
  const byLength = new Map<number, string[]>();
  for (const w of words) byLength.set(w.length, [...(byLength.get(w.length) ?? []), w]);
  const cache = new Map<string, string>();
  return {
    correct(word) {
      if (known.has(word) || keep.has(word) || !/^[a-z]+$/.test(word)) return word;
      const cached = cache.get(word);
      if (cached !== undefined) return cached;
      if (isWord(word)) {
        if (cache.size < 10_000) cache.set(word, word);
        return word;
      }
      const limit = allowedEdits(word.length);
      let best = word;
      let bestDistance = limit + 1;
      const candidates: string[] = [];
      for (let n = word.length - limit; n <= word.length + limit; n++)
        candidates.push(...(byLength.get(n) ?? []));
      for (const candidate of candidates) {
        // Two edits that also change the first letter make another word, not a typo
        // ("credit" is not "predict", "spenders" not "genders"): people rarely miss the first letter.
        const reach = candidate[0] === word[0] ? limit : Math.min(limit, 1);
        const distance = editDistance(word, candidate, reach);
        if (distance > reach) continue;
        // On a tie the longer candidate wins, then the alphabetically first, so results never depend on order.
        if (
          distance < bestDistance ||
          (distance === bestDistance &&
            distance <= limit &&
            (candidate.length > best.length ||
              (candidate.length === best.length && candidate < best)))
        ) {
          best = candidate;
          bestDistance = distance;
        }
      }
      const result = bestDistance <= limit ? best : word;
      if (cache.size < 10_000) cache.set(word, result);
      return result;
    },
  };
}
