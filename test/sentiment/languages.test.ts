/**
 * Sentiment in every survey language: the sign of each labelled comment of
 * test/fixtures/sentiment (see its README for where they come from), the
 * language it is read in, and the rules (negation, intensifiers) per language.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../src/sentiment/detect.js";
import { analyseSentiment, scoreSentiment, UNRATED_LEAN } from "../../src/sentiment/score.js";

const labelled = (code: string) =>
  readFileSync(new URL(`../fixtures/sentiment/${code}.tsv`, import.meta.url), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split("\t") as ["pos" | "neg", string]);

describe.each(["en", "fi", "pt", "fa", "hy", "ka", "am"])("labelled comments in %s", (code) => {
  it.each(labelled(code))("%s: %s", (label, text) => {
    const { score, language } = analyseSentiment(text);
    expect(language).toBe(code);
    if (label === "pos") expect(score).toBeGreaterThan(0);
    else expect(score).toBeLessThan(0);
  });
});

describe("language detection", () => {
  it.each([
    ["Հիանալի սուրճ", "hy"],
    ["შესანიშნავი ყავა", "ka"],
    ["በጣም ጥሩ ቡና", "am"],
    ["قهوه عالی", "fa"],
    ["The coffee was cold", "en"],
    ["Kahvi oli kylmää ja toimitus myöhässä", "fi"],
    ["O café chegou frio", "pt"],
    ["Piti palauttaa kahdesti", "fi"],
    ["Hotellihuone haisi tupakalta", "fi"],
  ])("%s is %s", (text, code) => {
    expect(detectLanguage(text)).toBe(code);
  });
  it("takes the customer's locale when the words do not tell", () => {
    expect(detectLanguage("ok", "fi-FI")).toBe("fi");
    expect(detectLanguage("ok", "pt_BR")).toBe("pt");
  });
  it("lets the words win over the locale: customers often write in English", () => {
    expect(detectLanguage("The delivery was late again", "fi")).toBe("en");
  });
  it("reads a text in the language it is told to", () => {
    expect(analyseSentiment("ok", { language: "fi" }).language).toBe("fi");
  });
});

describe("rules in each language", () => {
  it.each([
    ["en", "good", "not good"],
    ["fi", "Hyvä palvelu", "Ei hyvä palvelu"],
    ["pt", "Recomendo", "Não recomendo"],
    ["fa", "خوب است", "خوب نیست"],
    ["hy", "Լավ է", "Լավ չէ"],
    ["ka", "კარგია", "არ არის კარგი"],
    ["am", "ጥሩ ነው", "ጥሩ አይደለም"],
  ])("%s: negation turns praise around (%s / %s)", (_code, praise, negated) => {
    expect(scoreSentiment(praise)).toBeGreaterThan(0);
    expect(scoreSentiment(negated)).toBeLessThan(0);
  });
  it.each([
    ["en", "good", "very good"],
    ["fi", "kallis", "todella kallis"],
    ["pt", "caro", "muito caro"],
    ["fa", "گران", "خیلی گران"],
    ["hy", "թանկ", "շատ թանկ"],
    ["ka", "ძვირია", "ძალიან ძვირია"],
    ["am", "ውድ", "በጣም ውድ"],
  ])("%s: an intensifier strengthens (%s / %s)", (_code, plain, strong) => {
    expect(Math.abs(scoreSentiment(strong)!)).toBeGreaterThan(Math.abs(scoreSentiment(plain)!));
  });
  it.each([
    ["hy", "Օգնեցին", "Չօգնեցին"],
    ["fa", "رسید", "نرسید"],
    ["am", "ረዳኝ", "አልረዳኝም"],
  ])("%s: a negating prefix turns its word around (%s / %s)", (_code, plain, negated) => {
    expect(scoreSentiment(plain)).toBeGreaterThanOrEqual(0);
    expect(scoreSentiment(negated)).toBeLessThan(0);
  });
  it("reads an Amharic verb by its consonants when inflection changes its vowels", () => {
    expect(scoreSentiment("ተበላሽቷል")).toBeLessThan(0);
  });
  it.each([
    ["hy", "Ոչինչ չէր կոտրվել"],
    ["ka", "არაფერი გატეხილა"],
  ])("%s: 'nothing' before a plain complaint turns it around (%s)", (_code, text) => {
    expect(scoreSentiment(text)).toBeGreaterThan(0);
  });
  it("keeps doubled negation as one where the language doubles it ('nobody did-not-answer')", () => {
    expect(scoreSentiment("Ոչ ոք չպատասխանեց")).toBeLessThan(0);
  });
  it("lets 'without' negate only the next word", () => {
    expect(scoreSentiment("Delivered late without any reason")).toBeLessThan(0);
  });
  it.each([
    ["Cheap, but it broke after a day", -1],
    ["Expensive but worth every penny", 1],
    ["ሁሉም ነገር ጥሩ ነው ግን ዋጋው ውድ ነው", -1],
  ])("weighs the clause after 'but' more: %s", (text, sign) => {
    expect(Math.sign(scoreSentiment(text)!)).toBe(sign);
  });
  it("reads a negation with nothing rated as a complaint ('the parcel did not come')", () => {
    expect(scoreSentiment("ამანათი არ მოსულა")).toBeLessThan(-0.1);
  });
  it("gives a comment with no known word only a faint negative lean, below nothing", () => {
    expect(scoreSentiment("The parcel came on Tuesday morning")).toBe(UNRATED_LEAN);
  });
  it("reads a run of letters as the word ('gooood')", () => {
    expect(scoreSentiment("gooood")).toBe(scoreSentiment("good"));
  });
  it("ends a negation at the end of its clause", () => {
    expect(scoreSentiment("Never again, the worst shop")).toBeLessThan(0);
  });
  it("keeps every score within -1..1 and gives the same score every time", () => {
    const text = "Erittäin erittäin erittäin loistava upea mahtava ihana paras kahvi!!!";
    expect(scoreSentiment(text)).toBeLessThanOrEqual(1);
    expect(scoreSentiment(text)).toBe(scoreSentiment(text));
  });
});
