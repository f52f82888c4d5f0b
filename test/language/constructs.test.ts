/**
 * For each language, the constructs of questions.md v2 and alerts.md, read
 * as their English twins would be: a filter, a breakdown, a ranking, a
 * series, a why, a list and an alert (now = Sunday 2026-11-22).
 */
import { describe, expect, it } from "vitest";
import { demoValues } from "../../src/demo/values.js";
import type { Foreign } from "../../src/language/types.js";
import { parseQuestion } from "../../src/questions/pipeline.js";
import { readRequest } from "../../src/reading/readers.js";
import { utter } from "../../src/reading/utterance.js";

const today = "2026-11-22";
const values = demoValues();
const lastMonth = { from: "2026-10-01", to: "2026-11-01" };
const thisYear = { from: "2026-01-01", to: "2026-11-23" };

type Construct = "filter" | "breakdown" | "ranking" | "series" | "why" | "list";

/** Each language's question for each construct; the expected reading is the same for all. */
const questions: Record<Foreign, Record<Construct, string> & { alert: string }> = {
  fi: {
    filter: "Pro-paketin liikevaihto Ruotsissa viime kuussa",
    breakdown: "Tilaukset maittain viime kuussa",
    ranking: "Millä kanavalla on korkein asiakaspoistuma viime kuussa?",
    series: "Liikevaihto kuukausittain tänä vuonna",
    why: "Miksi tilaukset laskivat lokakuussa?",
    list: "10 suurinta asiakasta liikevaihdon mukaan viime kuussa",
    alert: "Hälytä jos asiakaspoistuma ylittää 5 %",
  },
  fa: {
    filter: "درآمد پلن پرو در سوئد ماه گذشته",
    breakdown: "سفارش‌ها به تفکیک کشور ماه گذشته",
    ranking: "کدام کانال بالاترین نرخ ریزش را در ماه گذشته داشت؟",
    series: "درآمد ماهانه امسال",
    why: "چرا سفارش‌ها در اکتبر کاهش یافت؟",
    list: "۱۰ مشتری برتر بر اساس درآمد در ماه گذشته",
    alert: "هشدار بده اگر ریزش از ۵٪ بیشتر شد",
  },
  hy: {
    filter: "Pro պլանի եկամուտը Շվեդիայում անցյալ ամիս",
    breakdown: "Պատվերներն ըստ երկրների անցյալ ամիս",
    ranking: "Ո՞ր ալիքն ունի ամենաբարձր արտահոսքը անցյալ ամիս",
    series: "Եկամուտն ըստ ամիսների այս տարի",
    why: "Ինչո՞ւ նվազեցին պատվերները հոկտեմբերին",
    list: "Թոփ 10 հաճախորդներն ըստ եկամտի անցյալ ամիս",
    alert: "Տեղեկացրու, եթե արտահոսքը 5%-ից ավելի լինի",
  },
  ka: {
    filter: "pro გეგმის შემოსავალი შვედეთში გასულ თვეს",
    breakdown: "შეკვეთები ქვეყნების მიხედვით გასულ თვეს",
    ranking: "რომელ არხს აქვს ყველაზე მაღალი გადინება გასულ თვეს?",
    series: "შემოსავალი თვიურად წელს",
    why: "რატომ შემცირდა შეკვეთები ოქტომბერში?",
    list: "ტოპ 10 კლიენტი შემოსავლის მიხედვით გასულ თვეს",
    alert: "შემატყობინე, თუ გადინება 5%-ზე მეტი იქნება",
  },
  am: {
    filter: "ባለፈው ወር በስዊድን የፕሮ ፕላን ገቢ",
    breakdown: "ባለፈው ወር ትዕዛዞች በአገር",
    ranking: "ባለፈው ወር ከፍተኛው የደንበኛ ማጣት መጠን ያለው የትኛው ቻናል ነው?",
    series: "በዚህ ዓመት ገቢ በየወሩ",
    why: "በኦክቶበር ትዕዛዞች ለምን ቀነሱ?",
    list: "ባለፈው ወር በገቢ ቀዳሚዎቹ 10 ደንበኞች",
    alert: "ቸርን ከ5% በላይ ከሆነ አሳውቀኝ",
  },
};

const expected: Record<Construct, Record<string, unknown>> = {
  filter: {
    intent: "metric",
    metrics: ["revenue"],
    ...lastMonth,
    filters: [
      { dimension: "plan", op: "in", values: ["pro"] },
      { dimension: "country", op: "in", values: ["SE"] },
    ],
    unused: [],
  },
  breakdown: {
    intent: "metric",
    metrics: ["orders"],
    ...lastMonth,
    groupBy: "country",
    unused: [],
  },
  ranking: {
    intent: "metric",
    metrics: ["churn_rate"],
    ...lastMonth,
    groupBy: "channel",
    rank: { order: "desc", limit: 1 },
    unused: [],
  },
  series: { intent: "metric", metrics: ["revenue"], ...thisYear, grain: "month", unused: [] },
  why: {
    intent: "explain",
    metric: "orders",
    from: "2026-10-01",
    to: "2026-11-01",
    compare: "previous_period",
    unused: [],
  },
  list: {
    intent: "list",
    entity: "customers",
    metric: "revenue",
    ...lastMonth,
    rank: { order: "desc", limit: 10 },
    unused: [],
  },
};

const sorted = (filters: unknown) =>
  (filters as { dimension: string }[])
    .slice()
    .sort((a, b) => a.dimension.localeCompare(b.dimension));

describe("every construct in every language", () => {
  for (const [lang, asked] of Object.entries(questions) as [Foreign, (typeof questions)["fi"]][]) {
    for (const construct of Object.keys(expected) as Construct[]) {
      it(`${lang} ${construct}: ${asked[construct]}`, () => {
        const got = parseQuestion(asked[construct], today, values) as unknown as Record<
          string,
          unknown
        >;
        for (const [field, value] of Object.entries(expected[construct])) {
          if (field === "filters") expect(sorted(got.filters)).toEqual(sorted(value));
          else expect([field, got[field]]).toEqual([field, value]);
        }
      });
    }
    it(`${lang} alert: ${asked.alert}`, () => {
      const ctx = { today, now: new Date("2026-11-22T10:00:00Z"), timezone: "UTC", values };
      const request = readRequest(utter(asked.alert, { values, today }), ctx);
      expect(request).toMatchObject({
        intent: "alert",
        action: "create",
        rule: { kind: "threshold", op: "above", value: 5, query: { metric: "churn_rate" } },
      });
    });
  }
});
