/** Every language's rules, by code: its lexicon and every country's name in it. */
import { countryLines } from "./countries.js";
import { amharic } from "./lexicons/am.js";
import { persian } from "./lexicons/fa.js";
import { finnish } from "./lexicons/fi.js";
import { armenian } from "./lexicons/hy.js";
import { georgian } from "./lexicons/ka.js";
import type { Foreign, Language } from "./types.js";

const withCountries = (language: Language): Language => ({
  ...language,
  lexicon: [...language.lexicon, ...countryLines(language.lang)],
});

export const packs: Record<Foreign, Language> = {
  fi: withCountries(finnish),
  fa: withCountries(persian),
  hy: withCountries(armenian),
  ka: withCountries(georgian),
  am: withCountries(amharic),
};
