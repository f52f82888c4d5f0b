/**
 * Transliteration rules per script, to Latin: the workspace's own values are
 * stored in Latin ("Nino", "pro"), and a team writes them in its script
 * (ნინო, Նինո, نینو, ኒኖ). Rules per letter, not a list per name, so any
 * value of any workspace is found. Matching is loose where the scripts are
 * (Persian writes no short vowels, Armenian has Samvel for Samuel): a key
 * folds o/u, e/i, w/v, y/i, and a long key may differ by one letter.
 */
import { editDistance } from "../questions/typos.js";

// biome-ignore format: a letter table reads best as a table
const armenian: Record<string, string> = {
  ա: "a", բ: "b", գ: "g", դ: "d", ե: "e", զ: "z", է: "e", ը: "e", թ: "t", ժ: "zh", ի: "i", լ: "l",
  խ: "kh", ծ: "ts", կ: "k", հ: "h", ձ: "dz", ղ: "gh", ճ: "ch", մ: "m", յ: "y", ն: "n", շ: "sh",
  ո: "o", չ: "ch", պ: "p", ջ: "j", ռ: "r", ս: "s", վ: "v", տ: "t", ր: "r", ց: "ts", ւ: "v",
  փ: "p", ք: "k", օ: "o", ֆ: "f", և: "ev",
};
// biome-ignore format: a letter table reads best as a table
const georgian: Record<string, string> = {
  ა: "a", ბ: "b", გ: "g", დ: "d", ე: "e", ვ: "v", ზ: "z", თ: "t", ი: "i", კ: "k", ლ: "l", მ: "m",
  ნ: "n", ო: "o", პ: "p", ჟ: "zh", რ: "r", ს: "s", ტ: "t", უ: "u", ფ: "p", ქ: "k", ღ: "gh",
  ყ: "q", შ: "sh", ჩ: "ch", ც: "ts", ძ: "dz", წ: "ts", ჭ: "ch", ხ: "kh", ჯ: "j", ჰ: "h",
};
// biome-ignore format: a letter table reads best as a table
const persian: Record<string, string> = {
  ا: "a", آ: "a", أ: "a", إ: "e", ب: "b", پ: "p", ت: "t", ث: "s", ج: "j", چ: "ch", ح: "h", خ: "kh",
  د: "d", ذ: "z", ر: "r", ز: "z", ژ: "zh", س: "s", ش: "sh", ص: "s", ض: "z", ط: "t", ظ: "z",
  ع: "", غ: "gh", ف: "f", ق: "q", ک: "k", گ: "g", ل: "l", م: "m", ن: "n", و: "u", ه: "h",
  ی: "i", ئ: "", ء: "", ؤ: "u", ة: "h",
};

/** Ethiopic rows of eight (from U+1200): the consonant; "" for the glottal carriers አ and ዐ. */
// biome-ignore format: a letter table reads best as a table
const ethiopicRows = [
  "h", "l", "h", "m", "s", "r", "s", "sh", "q", "qw", "q", "qw", "b", "v", "t", "ch",
  "h", "hw", "n", "ny", "", "k", "kw", "h", "hw", "w", "", "z", "zh", "y", "d", "d",
  "j", "g", "gw", "ng", "t", "ch", "p", "ts", "ts", "f", "p",
];
/** The seven vowel orders and the eighth (-wa); ə (the sixth) is written as nothing. */
const ethiopicVowels = ["e", "u", "i", "a", "e", "", "o", "wa"];

/** One Ethiopic syllable in Latin: homophone letters (ሀ ሐ ኀ ኸ, ሰ ሠ, አ ዐ, ጸ ፀ) come out the same. */
function ethiopicSyllable(code: number): string | null {
  if (code < 0x1200 || code >= 0x1200 + ethiopicRows.length * 8) return null;
  const row = (code - 0x1200) >> 3;
  const order = code & 7;
  const consonant = ethiopicRows[row]!;
  // The glottal and h rows sound "a" in their first order too (አመት = ዓመት, ሀገር = ሃገር).
  if ((consonant === "" || consonant === "h") && order === 0) return `${consonant}a`;
  if (consonant === "" && order === 5) return "e";
  return consonant + ethiopicVowels[order]!;
}

/** A word in Latin letters, whatever script it was written in; Latin stays as it is. */
export function toLatin(word: string): string {
  // Persian writes a word-initial /i/ as alef + ye (اینستاگرام): one vowel, not "ai".
  let out = "";
  const chars = [...word.replace(/^ای/, "ی")];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    // Armenian ու is u.
    if (ch === "ո" && chars[i + 1] === "ւ") {
      out += "u";
      i++;
      continue;
    }
    const code = ch.codePointAt(0)!;
    const ethiopic = ethiopicSyllable(code);
    out += ethiopic ?? armenian[ch] ?? georgian[ch] ?? persian[ch] ?? ch;
  }
  return out;
}

/** The key two spellings of a name are compared on. */
export function nameKey(latin: string): string {
  return latin
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/th/g, "t")
    .replace(/ph/g, "f")
    .replace(/kh/g, "k")
    .replace(/ck/g, "k")
    .replace(/c(?=[eiy])/g, "s")
    .replace(/[cq]/g, "k")
    .replace(/w/g, "v")
    .replace(/o/g, "u")
    .replace(/[ey]/g, "i")
    .replace(/(.)\1/g, "$1")
    .replace(/[^a-z0-9]/g, "");
}

/** How far apart two keys may be: nothing for short names, a letter for longer ones. */
const allowed = (length: number): number => (length >= 8 ? 2 : length >= 5 ? 1 : 0);

/**
 * The one value a written word names, among the workspace's values: null when
 * none is close, or when two are (never a guess between two).
 */
export function matchValue(word: string, values: readonly string[]): string | null {
  const key = nameKey(toLatin(word));
  if (key.length < 2) return null;
  const exact = values.filter((v) => nameKey(v) === key);
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) return null;
  const near = values.filter((v) => {
    const other = nameKey(v);
    // Persian writes no short vowels (گوگل for google): the allowance follows the value's length.
    const limit = key.length >= 3 ? allowed(other.length) : 0;
    return limit > 0 && other[0] === key[0] && editDistance(other, key, limit) <= limit;
  });
  return near.length === 1 ? near[0]! : null;
}
