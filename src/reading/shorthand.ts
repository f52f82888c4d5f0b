/**
 * Chat shorthand written out once, so every reader reads the whole words:
 * "rev" is revenue, "yr" a year, "pls" please, "orders + revenue" orders
 * and revenue, "churn %" the churn rate, "quick q -" nothing. Applied to
 * the English-canonical text, word by word (a workspace value is never a
 * shorthand: "Rev" stays a name when it stands alone... as typed in a value
 * it would be read from the data first, in the question reader).
 */
const words: [RegExp, string][] = [
  [/\b(?:pls|plz|plez)\b/gi, "please"],
  [/\brev\b/gi, "revenue"],
  [/\b(?:yr|yrs)\b/gi, "year"],
  [/\b(?:mo|mth|mnth)\b/gi, "month"],
  [/\b(?:wk|wks)\b/gi, "week"],
  [/\b(?:qtr|qtrs)\b/gi, "quarter"],
  [/\b(?:cust|custs)\b/gi, "customers"],
  [/\b(?:thx|ty)\b/gi, "thanks"],
  [/^\s*(?:quick (?:q|question)|q)\s*[-:–—]\s*/i, ""],
  [/\s[+&]\s/g, " and "],
  // "churn %": a rate; "5 %" and "5%" stay numbers.
  [/(?<![\d\s]|\d\s)\s?%/g, " rate"],
];

export function expandShorthand(text: string): string {
  let out = text;
  for (const [pattern, whole] of words) out = out.replace(pattern, whole);
  return out;
}
