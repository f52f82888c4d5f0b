/**
 * An answer to a question in fi, fa, hy, ka or am is worded in that
 * language: the sentence, the groups, the series, the footnote and the chart
 * title; numbers in its locale, Persian digits when the asker wrote them,
 * and the range named in the calendar asked.
 */
import { describe, expect, it } from "vitest";
import { chartDataOf } from "../../src/answers/chart.js";
import { Speaker, type Speech } from "../../src/language/speech.js";
import type { Foreign } from "../../src/language/types.js";
import type { MetricResult } from "../../src/metrics/query.js";

const october: MetricResult = {
  metric: "revenue",
  from: "2026-10-01",
  to: "2026-11-01",
  groupBy: "plan",
  grain: null,
  compare: null,
  filters: [{ dimension: "country", op: "in", values: ["FI"] }],
  unit: "money",
  value: 40120.5,
  measures: { order_revenue: 40120.5 },
  groups: [
    { key: "pro", value: 30000, measures: { order_revenue: 30000 } },
    { key: "basic", value: 10120.5, measures: { order_revenue: 10120.5 } },
  ],
};

const speaker = (lang: Foreign, more: Omit<Partial<Speech>, "lang"> = {}) =>
  new Speaker({ persianDigits: false, calendar: "gregorian", ...more, lang }, "EUR");

/** The words each language must use: its word for revenue, October, the plan dimension, Finland. */
const expected: Record<Foreign, string[]> = {
  fi: ["Liikevaihto", "lokakuu 2026", "Suomi", "Paketti"],
  fa: ["درآمد", "اکتبر", "فنلاند", "پلن"],
  hy: ["Եկամուտ", "հոկտեմբեր", "Ֆինլանդիա", "պլան"],
  ka: ["შემოსავალი", "ოქტომბერი", "ფინეთი", "გეგმა"],
  am: ["ገቢ", "ኦክቶበር", "ፊንላንድ", "ፕላን"],
};

describe("answers in the asker's language", () => {
  for (const [lang, words] of Object.entries(expected) as [Foreign, string[]][]) {
    it(`${lang}: the answer text names the metric, range, filter and groups in ${lang}`, () => {
      const { text, footnote } = speaker(lang).answer(october);
      for (const word of words) expect(text).toContain(word);
      expect(text).not.toMatch(/\b(?:Revenue|October|plan|By)\b/);
      expect(footnote).not.toMatch(/revenue/);
    });
    it(`${lang}: the chart is titled in ${lang}`, () => {
      const data = speaker(lang).chart(chartDataOf(october, "EUR", ""), october);
      expect(data.title).toContain(words[0]!.toLowerCase().slice(1, 3));
      expect(data.title).not.toMatch(/Revenue|October/);
    });
  }

  it("Finnish numbers are grouped with spaces and a decimal comma", () => {
    expect(speaker("fi").answer(october).text).toMatch(/40\s120,50\s€/u);
  });

  it("a Persian question written with Persian digits is answered with them", () => {
    const { text } = speaker("fa", { persianDigits: true }).answer(october);
    expect(text).toContain("۴۰٬۱۲۰٫۵۰");
    expect(text).not.toMatch(/[0-9]/);
  });

  it("without Persian digits in the question, the Persian answer keeps 0-9", () => {
    expect(speaker("fa").answer(october).text).toContain("40,120.50");
  });

  it("a range asked in the Persian calendar is named in it (آبان ۱۴۰۵)", () => {
    const aban = speaker("fa", { persianDigits: true, calendar: "persian" });
    expect(aban.range("2026-10-23", "2026-11-22")).toMatch(/^(?=.*آبان)(?=.*۱۴۰۵)/);
  });

  it("a range asked in the Ethiopian calendar is named in it (ጥቅምት 2019)", () => {
    const tikimt = speaker("am", { calendar: "ethiopian" });
    expect(tikimt.range("2026-10-11", "2026-11-10")).toMatch(/ጥቅምት.*2019/);
  });

  it("words not used are named back in the asker's language, as written", () => {
    expect(speaker("fi").unused(["foobar"])).toBe(
      "Huom: en käyttänyt kysymyksestäsi sanoja «foobar».",
    );
  });
});
