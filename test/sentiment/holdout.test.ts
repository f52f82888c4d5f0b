/**
 * The holdout (test/sentiment/holdout, see its README): comments no rule or
 * word was tuned on. Each survey language must read at least 80% of its
 * signs right; `npm run bench:models` prints the exact numbers.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyseSentiment } from "../../src/sentiment/score.js";

const holdout = (code: string) =>
  readFileSync(new URL(`holdout/${code}.tsv`, import.meta.url), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split("\t") as ["pos" | "neg", string]);

describe("the sentiment holdout", () => {
  it.each(["en", "fi", "fa", "hy", "ka", "am"])(
    "%s: at least 80% of the signs right, every comment read in its language",
    (code) => {
      const rows = holdout(code);
      let right = 0;
      for (const [label, text] of rows) {
        const { score, language } = analyseSentiment(text);
        expect(language, text).toBe(code);
        if (score !== null && (label === "pos" ? score > 0 : score < 0)) right++;
      }
      expect(right / rows.length).toBeGreaterThanOrEqual(0.8);
    },
  );
});
