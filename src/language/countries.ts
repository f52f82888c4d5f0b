/**
 * Every country's name in each language, from the ICU data Node ships
 * (Intl.DisplayNames), so a business selling to Brazil or Japan is asked
 * about in Persian or Georgian without a list per business. The glossary's
 * own forms (demonyms, colloquial names) stay in the lexicons and win.
 */
import type { Country } from "world-countries";
import worldCountries from "world-countries";
import type { Foreign, LexiconLine } from "./types.js";

const countries = worldCountries as unknown as readonly Country[];

/** Finnish consonant gradation of a name's last syllable, strong to weak: Itävalta -> Itävalla-ssa. */
const gradations: readonly (readonly [RegExp, string])[] = [
  [/kk([aeiouyäö])$/, "k$1"],
  [/pp([aeiouyäö])$/, "p$1"],
  [/tt([aeiouyäö])$/, "t$1"],
  [/lt([aeiouyäö])$/, "ll$1"],
  [/nt([aeiouyäö])$/, "nn$1"],
  [/rt([aeiouyäö])$/, "rr$1"],
  [/mp([aeiouyäö])$/, "mm$1"],
  [/nk([aeiouyäö])$/, "ng$1"],
  [/ht([aeiouyäö])$/, "hd$1"],
];

const weakGrade = (name: string): string[] =>
  gradations.flatMap(([strong, weak]) => (strong.test(name) ? [name.replace(strong, weak)] : []));

/** Other forms a language writes a name in: ka drops the nominative's last vowel before an ending (მექსიკ-ის). */
const extraForms: Partial<Record<Foreign, (name: string) => string[]>> = {
  fi: (name) => [...weakGrade(name), `${name}lais`, `${name}laise`],
  ka: (name) => (/[აი]$/.test(name) ? [name.slice(0, -1)] : []),
};

export function countryLines(lang: Foreign): LexiconLine[] {
  const names = new Intl.DisplayNames([lang], { type: "region", fallback: "none" });
  const lines: LexiconLine[] = [];
  for (const country of countries) {
    const native = names.of(country.cca2);
    if (!native || /[^\p{L}\p{M}\s-]/u.test(native)) continue;
    const name = native.toLowerCase().replace(/-/g, " ");
    const forms = [name, ...(extraForms[lang]?.(name) ?? [])];
    lines.push([forms.join("|"), country.name.common.toLowerCase()]);
  }
  return lines;
}
