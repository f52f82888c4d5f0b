/**
 * What every language shares before its own rules (languages.md §0): NFC,
 * invisible marks dropped, Persian, Arabic-Indic and Ethiopic digits as
 * 0-9, Persian decimal and thousands marks, lower case (never upper case:
 * Georgian would become Mtavruli, and lower case maps Mtavruli back).
 */

/** Bidi controls, tatweel, Arabic harakat, soft hyphen, zero-width joiner and BOM. */
const invisible =
  /\u200e|\u200f|[\u202a-\u202e]|[\u2066-\u2069]|\u0640|[\u064b-\u0652]|\u00ad|\u200d|\ufeff/g;

const persianDigits = /[\u06f0-\u06f9]/g;
const arabicDigits = /[\u0660-\u0669]/g;

/** Ethiopic numerals ፩-፱ (1-9), ፲-፺ (10-90), ፻ (100): formal dates only. */
function ethiopicNumber(text: string): string {
  return text.replace(/[\u1369-\u137c]+/g, (run) => {
    let total = 0;
    let part = 0;
    for (const ch of run) {
      const c = ch.codePointAt(0)!;
      if (c >= 0x1369 && c <= 0x1371) part += c - 0x1368;
      else if (c >= 0x1372 && c <= 0x137a) part += (c - 0x1371) * 10;
      else if (c === 0x137b) {
        total += (part || 1) * 100;
        part = 0;
      } else if (c === 0x137c) {
        total = (total + part || 1) * 10_000;
        part = 0;
      }
    }
    return String(total + part);
  });
}

/** Whether the text writes its digits the Persian way (an answer to it then does too). */
export const writesPersianDigits = (text: string): boolean => /[\u06f0-\u06f9]/.test(text);

export function normalise(text: string): string {
  return ethiopicNumber(
    text
      .normalize("NFC")
      .replace(invisible, "")
      .replace(persianDigits, (d) => String(d.charCodeAt(0) - 0x06f0))
      .replace(arabicDigits, (d) => String(d.charCodeAt(0) - 0x0660))
      .replace(/(\d)\u066b(\d)/g, "$1.$2")
      .replace(/(\d)\u066c(\d)/g, "$1$2")
      .replace(/\u066a/g, "%"),
  ).toLowerCase();
}
