/**
 * Numbers as people write them, read once: "5%", "5 %", "five percent",
 * "10k", "2.5k", "1.2m", "€1,000", "40 000", "1.000,50" (where the
 * workspace writes a decimal comma). Times of day ("9:30", "9am"), dates
 * ("2026-03-03") and quarters ("q3") are not values and are left out.
 */

export interface NumberMention {
  /** The number as meant: 10000 for "10k", 5 for "5%". */
  value: number;
  /** Written with %, "percent", "pct". */
  percent: boolean;
  /** Written with "points", "pp", "pts". */
  points: boolean;
  /** The currency sign or code written with it ("€", "usd"), else null. */
  currency: string | null;
  /** Where it stands in the lower-case text, and its text. */
  start: number;
  end: number;
  text: string;
}

export interface NumberStyle {
  /** "1.000,50": a comma before the decimals (workspaces in fi, de, ...). */
  decimalComma: boolean;
}

const small = [
  "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen",
].flatMap((s) => s.split(" "));
const tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** "five" -> 5, "twenty five" -> 25, "two hundred" -> 200, "a hundred" -> 100; null when not a number word. */
function wordsValue(words: string[]): number | null {
  let total = 0;
  let current = 0;
  let any = false;
  for (const w of words) {
    const unit = small.indexOf(w);
    const ten = tens.indexOf(w);
    if (unit >= 0) current += unit;
    else if (ten >= 2) current += ten * 10;
    else if (w === "a" && !any) current += 1;
    else if (w === "hundred") current = (current || 1) * 100;
    else if (w === "thousand") {
      total += (current || 1) * 1000;
      current = 0;
    } else if (w === "and" && any) continue;
    else return null;
    any = true;
  }
  return any ? total + current : null;
}

const numberWord = `(?:${[...small, ...tens.slice(2)].join("|")})`;
const CURRENCY = String.raw`[$€£¥]|\b(?:eur|usd|gbp|euros?|dollars?|pounds?)\b`;
const digits = (comma: boolean) =>
  comma
    ? String.raw`\d{1,3}(?:[.\u00a0\u202f ]\d{3})+(?:,\d+)?|\d+(?:,\d+)?`
    : String.raw`\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+`;

const patterns = new Map<boolean, RegExp>();
function patternFor(comma: boolean): RegExp {
  let pattern = patterns.get(comma);
  if (!pattern) {
    pattern = new RegExp(
      String.raw`(?<![\w.:,/-])(?:(${CURRENCY})\s?)?(-|minus\s)?(?:(${digits(comma)})|(${numberWord}(?:[\s-](?:${numberWord}|hundred|thousand|and))*|a (?:hundred|thousand)))(?:\s?(k|m|mn|bn|thousand|million|billion)\b)?(?:\s?(%|percent\b|per cent\b|pct\b|percentage points?\b|points?\b|pp\b|pts\b))?(?:\s?(${CURRENCY}))?(?![\w:]|\.\d|,\d|-\d)`,
      "gi",
    );
    patterns.set(comma, pattern);
  }
  return pattern;
}

const scales: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  bn: 1e9,
  billion: 1e9,
};

/** Every number of a lower-case text, in order. */
export function readNumbers(
  text: string,
  style: NumberStyle = { decimalComma: false },
): NumberMention[] {
  const out: NumberMention[] = [];
  for (const m of text.matchAll(patternFor(style.decimalComma))) {
    const [whole, before, minus, written, spelt, scale, unit, after] = m;
    const start = m.index;
    const rest = text.slice(start + whole.length);
    // "9am", "at 9", "q3", "2026-03-03", "3rd" are not values.
    // The suffix of an ordinal or an hour stands right after the digits ("3rd", "9h"): "8,000 this" is a number.
    if (/^(?:\s?(?:am|pm|a\.m|p\.m|o'?clock)\b|(?:st|nd|rd|th|h)\b)/.test(rest) && !unit) continue;
    let value: number | null;
    if (written !== undefined) {
      const plain = style.decimalComma
        ? written.replace(/[.\u00a0\u202f ]/g, "").replace(",", ".")
        : written.replace(/[,\u00a0\u202f ]/g, "");
      value = Number(plain);
    } else {
      value = wordsValue(spelt!.split(/[\s-]+/));
      if (value === null) continue;
      // "one" in "the one plan", "a" alone: a spelt number counts with a unit or a scale only.
      if (!unit && !scale && !before && !after && value < 2 && !/\d/.test(spelt!)) continue;
    }
    if (!Number.isFinite(value)) continue;
    if (scale) value *= scales[scale.toLowerCase()]!;
    if (minus) value = -value;
    const u = unit?.toLowerCase() ?? "";
    out.push({
      value: Math.round(value * 1e6) / 1e6,
      percent: /^(?:%|percent|per cent|pct)$/.test(u),
      points: /point|pp|pts/.test(u),
      currency: (before ?? after)?.toLowerCase() ?? null,
      start,
      end: start + whole.length,
      text: whole,
    });
  }
  return out;
}
