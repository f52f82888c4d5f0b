/**
 * The language of one message: its script first (Armenian, Georgian,
 * Ethiopic, Arabic letters), then, for Latin letters, its words: Finnish when
 * more of them are Finnish words than English ones. A chat or a person may
 * fix the language instead (an override), and a message mixing scripts
 * ("NPS مشتریان", "churn-aste viime kuussa") is the language of its native
 * words.
 */
import { isEnglishWord } from "../questions/nlp.js";
import { finnish } from "./lexicons/fi.js";
import { mainScript } from "./script.js";
import { knows } from "./translate.js";
import type { Lang } from "./types.js";

const byScript = { arabic: "fa", armenian: "hy", georgian: "ka", ethiopic: "am" } as const;

/** Finnish letters no English word has. */
const finnishLetters = /[äöå]/i;

export function detectLanguage(text: string, override?: Lang | null): Lang {
  if (override) return override;
  const script = mainScript(text);
  if (script in byScript) return byScript[script as keyof typeof byScript];
  const words = text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  let finnishWords = 0;
  let englishWords = 0;
  for (const word of words) {
    const isFinnish = knows(finnish, word) || finnishLetters.test(word);
    if (isFinnish && !isEnglishWord(word)) finnishWords++;
    else if (!isFinnish && isEnglishWord(word)) englishWords++;
  }
  return finnishWords > 0 && finnishWords >= englishWords ? "fi" : "en";
}
