/** Which script a word is written in: the first clue to the language of a message. */

export type Script = "latin" | "arabic" | "armenian" | "georgian" | "ethiopic" | "other";

const scripts: readonly (readonly [Script, RegExp])[] = [
  ["arabic", /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/],
  ["armenian", /[\u0531-\u058f\ufb13-\ufb17]/],
  ["georgian", /[\u10a0-\u10ff\u1c90-\u1cbf\u2d00-\u2d2f]/],
  ["ethiopic", /[\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f]/],
  ["latin", /[a-zA-Z\u00c0-\u024f]/],
];

export function scriptOf(word: string): Script {
  for (const [script, pattern] of scripts) if (pattern.test(word)) return script;
  return "other";
}

/** The non-Latin script most of the message's letters are in, or "latin" when none is. */
export function mainScript(text: string): Script {
  const counts = new Map<Script, number>();
  for (const ch of text) {
    const s = scriptOf(ch);
    if (s !== "other" && s !== "latin") counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  let best: Script = "latin";
  let most = 0;
  for (const [s, n] of counts)
    if (n > most) {
      best = s;
      most = n;
    }
  return best;
}
