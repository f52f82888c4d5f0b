/**
 * The plain words of a text: lower case, apostrophes and punctuation
 * dropped, dates ("2026-03-03") and number ranges ("35-44") kept. Question
 * words and workspace values are both read in this form, so they meet.
 */
export function plainText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019`´]/g, "'")
    .replace(/\b(what|that|how|who|where|it)'s\b/g, "$1 is")
    .replace(/'s\b/g, "")
    .replace(/\by\/y\b/g, "yoy")
    .replace(/(\d)\/(\d)/g, "$1 $2")
    .replace(/(\d{4})-(\d{2})-(\d{2})/g, "$1_$2_$3")
    .replace(/[^\p{L}\p{N}_\s-]/gu, " ")
    .replace(/(\d{4})_(\d{2})_(\d{2})/g, "$1-$2-$3")
    .replace(/(?<!\d)-|-(?!\d)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
