/**
 * A deterministic, realistic small business for `pulse demo`: Nordic Brew Co,
 * a coffee shop with subscriptions and a wholesale pipeline, over the two
 * years before a given day. Growth, seasonality (a December peak, a summer
 * dip), churn that differs by plan and channel, detractors who churn more.
 */
import { comments, type Mood, socialPosts, tickets } from "./comments.js";
import { type Random, seeded } from "./random.js";

export type CsvRow = Record<string, string>;

export interface DemoData {
  customers: CsvRow[];
  orders: CsvRow[];
  deals: CsvRow[];
  marketing_spend: CsvRow[];
  survey_responses: CsvRow[];
  events: CsvRow[];
}

export const demoBusinessName = "Nordic Brew Co (demo)";

const DAY = 86_400_000;
const plans = [
  ["basic", 0.55],
  ["plus", 0.3],
  ["pro", 0.15],
] as const;
const channels = [
  ["organic", 0.3],
  ["ads", 0.25],
  ["social", 0.15],
  ["referral", 0.12],
  ["email", 0.1],
  ["partner", 0.08],
] as const;
const countries = [
  ["FI", 30],
  ["AM", 12],
  ["GE", 10],
  ["SE", 10],
  ["EE", 8],
  ["ET", 8],
  ["DE", 8],
  ["IR", 7],
  ["US", 7],
] as const;
const localeOf: Record<string, string> = { FI: "fi", AM: "hy", GE: "ka", ET: "am", IR: "fa" };
const planChurn: Record<string, number> = { basic: 0.05, plus: 0.032, pro: 0.018 };
const channelChurn: Record<string, number> = {
  organic: 0.9,
  ads: 1.35,
  social: 1.25,
  referral: 0.7,
  email: 1,
  partner: 0.8,
};
const planOrders: Record<string, number> = { basic: 0.9, plus: 1.3, pro: 2.2 };
const planBasket: Record<string, number> = { basic: 24, plus: 42, pro: 85 };
const categories = [
  ["coffee", 0.5],
  ["equipment", 0.15],
  ["subscriptions", 0.2],
  ["merch", 0.07],
  ["gifts", 0.08],
] as const;
const channelCac: Record<string, number> = {
  ads: 48,
  social: 36,
  email: 12,
  partner: 65,
  referral: 18,
  organic: 6,
};
const firstNames = [
  "Aino",
  "Eero",
  "Lilit",
  "Aram",
  "Nino",
  "Giorgi",
  "Selam",
  "Dawit",
  "Sara",
  "Reza",
  "Emma",
  "Lukas",
  "Maria",
  "Juha",
  "Ani",
  "Levan",
  "Hana",
  "Omid",
  "Olivia",
  "Noah",
];
const lastNames = [
  "Virtanen",
  "Korhonen",
  "Petrosyan",
  "Hakobyan",
  "Beridze",
  "Kapanadze",
  "Tesfaye",
  "Bekele",
  "Ahmadi",
  "Karimi",
  "Schmidt",
  "Berg",
  "Tamm",
  "Smith",
  "Nieminen",
  "Grigoryan",
];
const owners = ["Aino", "Lilit", "Nino", "Samuel"];
const dealSources = [
  ["web", 0.35],
  ["referral", 0.2],
  ["event", 0.15],
  ["outbound", 0.2],
  ["partner", 0.1],
] as const;

/** Seasonal demand by calendar month: a December peak and a summer dip. */
const season = [0.95, 0.9, 1, 1, 1, 0.9, 0.78, 0.82, 1.02, 1.08, 1.2, 1.45];
const weekdayFactor = [1.05, 1.1, 1.05, 1, 1, 0.9, 0.85];

const iso = (ms: number): string => new Date(ms).toISOString().replace(".000Z", "Z");
const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const money = (value: number): string => Math.max(0, value).toFixed(2);

function lognormal(random: Random, median: number, spread: number): number {
  return median * Math.exp(random.normal(0, spread));
}

function moodOfScore(kind: "nps" | "csat" | "ces", score: number): Mood {
  const [low, high] = kind === "nps" ? [6, 9] : kind === "csat" ? [2, 4] : [3, 6];
  return score <= low ? "negative" : score >= high ? "positive" : "neutral";
}

/**
 * Generates the business. `end` is the first day without data (today), so
 * "last month" always has a full month of activity.
 */
export function generateDemo(options: {
  end: string;
  months?: number;
  seed?: number;
  scale?: number;
}): DemoData {
  const random = seeded(options.seed ?? 20_261_122);
  const scale = options.scale ?? 1;
  const endMs = Date.parse(`${options.end}T00:00:00Z`);
  const startDate = new Date(endMs);
  startDate.setUTCDate(1);
  startDate.setUTCMonth(startDate.getUTCMonth() - (options.months ?? 24));
  const startMs = startDate.getTime();
  const data: DemoData = {
    customers: [],
    orders: [],
    deals: [],
    marketing_spend: [],
    survey_responses: [],
    events: [],
  };
  const signupsByDayChannel = new Map<string, number>();
  let orderSeq = 0;
  let responseSeq = 0;

  const respond = (
    customerId: string,
    kind: "nps" | "csat" | "ces",
    score: number,
    at: number,
    locale: string,
  ) => {
    const mood = moodOfScore(kind, score);
    const wantsComment = random.chance(mood === "neutral" ? 0.25 : 0.55);
    const texts = comments[random.chance(0.6) ? "en" : locale] ?? comments.en!;
    const comment = wantsComment ? random.pick(texts[mood]) : "";
    const source = random.pick(["telegram", "slack", "import"]);
    // An answer due after the data ends (a CSAT days after a late order) has not come yet.
    // It is dropped after the random draws, so the rest of the business stays the same.
    if (at >= endMs) return mood;
    data.survey_responses.push({
      id: `R${String(++responseSeq).padStart(6, "0")}`,
      customer_id: customerId,
      kind,
      score: String(score),
      comment,
      responded_at: iso(at),
      source,
    });
    return mood;
  };

  let customerSeq = 0;
  for (let day = startMs; day < endMs; day += DAY) {
    const d = new Date(day);
    const monthsIn = (day - startMs) / (30.4 * DAY);
    const expected =
      3.4 *
      scale *
      1.035 ** monthsIn *
      season[d.getUTCMonth()]! *
      weekdayFactor[(d.getUTCDay() + 6) % 7]!;
    const signups = random.poisson(expected);
    for (let i = 0; i < signups; i++) {
      const id = `C${String(++customerSeq).padStart(5, "0")}`;
      const plan = random.weighted(plans);
      const channel = random.weighted(channels);
      const country = random.weighted(countries);
      const locale = localeOf[country] ?? "en";
      const signupAt = day + random.int(7, 22) * 3_600_000 + random.int(0, 3599) * 1000;
      const dayChannel = `${dateOf(day)}|${channel}`;
      signupsByDayChannel.set(dayChannel, (signupsByDayChannel.get(dayChannel) ?? 0) + 1);
      const first = random.pick(firstNames);
      const last = random.pick(lastNames);
      const age = Math.min(80, Math.max(18, Math.round(random.normal(38, 12))));
      const birth = new Date(signupAt - age * 365.25 * DAY - random.int(0, 364) * DAY);

      let detractor = false;
      let churnedAt: number | null = null;
      let nextNps = signupAt + random.int(25, 40) * DAY;
      for (let month = 0; ; month++) {
        const from = signupAt + month * 30 * DAY;
        if (from >= endMs) break;
        const to = Math.min(from + 30 * DAY, endMs);
        const calendarMonth = new Date(from).getUTCMonth();
        // The last window is cut at `end`: its rates shrink with it, or recent weeks would be crowded.
        const share = (to - from) / (30 * DAY);
        // Orders this month.
        const orders = random.poisson(planOrders[plan]! * season[calendarMonth]! * share);
        for (let k = 0; k < orders; k++) {
          const at = from + random.next() * (to - from);
          const amount =
            lognormal(random, planBasket[plan]!, 0.45) * (calendarMonth === 11 ? 1.25 : 1);
          data.orders.push({
            id: `O${String(++orderSeq).padStart(7, "0")}`,
            customer_id: id,
            ordered_at: iso(at),
            amount: money(amount),
            category: random.weighted(categories),
          });
          if (random.chance(0.12)) {
            const score = Math.min(
              5,
              Math.max(1, Math.round(random.normal(plan === "pro" ? 4.4 : 4, 0.9))),
            );
            respond(id, "csat", score, at + random.int(1, 3) * DAY, locale);
          }
        }
        if (nextNps < to) {
          if (random.chance(0.4)) {
            const mean =
              (plan === "pro" ? 8.4 : plan === "plus" ? 7.8 : 7.2) - (channel === "ads" ? 0.6 : 0);
            const score = Math.min(10, Math.max(0, Math.round(random.normal(mean, 2))));
            if (respond(id, "nps", score, nextNps, locale) === "negative") detractor = true;
          }
          nextNps += 90 * DAY;
        }
        if (random.chance((detractor ? 0.07 : 0.03) * share)) {
          const at = from + random.next() * (to - from);
          data.events.push({
            customer_id: id,
            kind: "support_ticket",
            occurred_at: iso(at),
            text: random.pick(tickets),
            properties: "",
          });
          if (random.chance(0.5)) {
            const score = Math.min(
              7,
              Math.max(1, Math.round(random.normal(detractor ? 3.5 : 5.2, 1.4))),
            );
            respond(id, "ces", score, at + DAY, locale);
          }
        }
        for (const [kind, rate] of [
          ["web_visit", 0.5],
          ["email_open", 0.5],
          ["email_click", 0.12],
        ] as const) {
          const n = random.poisson(rate * share);
          for (let k = 0; k < n; k++) {
            const at = from + random.next() * (to - from);
            data.events.push({
              customer_id: id,
              kind,
              occurred_at: iso(at),
              text: "",
              properties:
                kind === "web_visit"
                  ? JSON.stringify({ page: random.pick(["/", "/shop", "/pricing", "/blog"]) })
                  : "",
            });
          }
        }
        const hazard =
          planChurn[plan]! * channelChurn[channel]! * (detractor ? 1.8 : 1) * (month < 2 ? 1.4 : 1);
        if (random.chance(hazard * share)) {
          churnedAt = from + random.next() * (to - from);
          if (churnedAt >= endMs) churnedAt = null;
          break;
        }
      }

      data.customers.push({
        id,
        name: `${first} ${last}`,
        email: `${first}.${last}.${customerSeq}@example.com`.toLowerCase(),
        phone: "",
        country: random.chance(0.03) ? "" : country,
        gender: random.chance(0.03)
          ? ""
          : random.weighted([
              ["f", 0.48],
              ["m", 0.48],
              ["x", 0.04],
            ] as const),
        birth_date: random.chance(0.05) ? "" : dateOf(birth.getTime()),
        plan,
        channel,
        signup_at: iso(signupAt),
        churned_at: churnedAt === null ? "" : iso(churnedAt),
        telegram_chat_id: random.chance(0.2) ? String(100_000_000 + customerSeq) : "",
        slack_user_id: "",
        locale,
        survey_opt_out: random.chance(0.02) ? "true" : "false",
      });
    }

    // Social mentions, mostly from people who are not (yet) customers.
    for (let k = random.poisson(1.2 * scale); k > 0; k--) {
      const mood = random.weighted([
        ["positive", 0.5],
        ["neutral", 0.25],
        ["negative", 0.25],
      ] as const);
      data.events.push({
        customer_id: "",
        kind: "social_mention",
        occurred_at: iso(day + random.int(0, 86_399) * 1000),
        text: random.pick(socialPosts[mood]),
        properties: "",
      });
    }
  }

  // Daily spend per paid channel, tracking what the channel's sign-ups cost (with noise).
  for (let day = startMs; day < endMs; day += DAY) {
    for (const [channel] of channels) {
      const signups = signupsByDayChannel.get(`${dateOf(day)}|${channel}`) ?? 0;
      const spend = (signups + 0.6) * channelCac[channel]! * (0.75 + random.next() * 0.5);
      data.marketing_spend.push({ date: dateOf(day), channel, amount: money(spend) });
    }
  }

  // The wholesale pipeline: cafés and offices buying in bulk.
  let dealSeq = 0;
  for (let day = startMs; day < endMs; day += DAY) {
    for (let k = random.poisson(1.1 * scale); k > 0; k--) {
      const createdAt = day + random.int(8, 18) * 3_600_000;
      const closeAfter = random.int(7, 75) * DAY;
      const outcome = random.weighted([
        ["won", 0.3],
        ["lost", 0.42],
        ["open", 0.28],
      ] as const);
      const closes = outcome !== "open" && createdAt + closeAfter < endMs;
      const age = (endMs - createdAt) / DAY;
      const openStage =
        age < 10 ? "lead" : age < 25 ? "qualified" : age < 45 ? "proposal" : "negotiation";
      const customer =
        data.customers.length > 0 && random.chance(0.3) ? random.pick(data.customers).id! : "";
      data.deals.push({
        id: `D${String(++dealSeq).padStart(5, "0")}`,
        customer_id: customer,
        name: `${random.pick(["Café", "Office", "Hotel", "Bakery", "Co-working"])} ${random.pick(lastNames)}`,
        stage: closes ? outcome : openStage,
        amount: money(lognormal(random, 3000, 0.7)),
        owner: random.pick(owners),
        source: random.weighted(dealSources),
        created_at: iso(createdAt),
        closed_at: closes ? iso(createdAt + closeAfter) : "",
      });
    }
  }
  return data;
}
