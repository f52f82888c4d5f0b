import type { ChartData } from "./types.js";

const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}-01`);

/** One chart of every kind, with data a reader can check. */
export const samples = {
  value: {
    kind: "value",
    title: "Churn rate, October 2026",
    unit: "percent",
    value: 3.6,
    previous: 4,
    previousLabel: "September 2026",
    sparkline: months.map((from, i) => ({ from, value: 4 + Math.sin(i) })),
    footnote: "churned customers / customers at start of period: 63 / 1,764",
  },
  series: {
    kind: "series",
    title: "Revenue by month, 2025",
    unit: "money",
    currency: "EUR",
    grain: "month",
    points: months.map((from, i) => ({ from, value: 10_000 + i * 800, previous: 9_000 + i * 600 })),
  },
  breakdown: {
    kind: "breakdown",
    title: "Revenue by country, October 2026",
    unit: "money",
    currency: "EUR",
    dimension: "country",
    groups: ["FI", "AM", "GE", "SE", "EE", "ET", "DE", "IR", "US", "NO", "DK", "PL"].map(
      (key, i) => ({ key, value: 20_000 / (i + 1) }),
    ),
  },
  forecast: {
    kind: "forecast",
    title: "Revenue forecast",
    unit: "money",
    currency: "EUR",
    grain: "month",
    history: months.map((from, i) => ({ from, value: 10_000 + i * 500 })),
    forecast: ["2026-01-01", "2026-02-01"].map((from, i) => ({
      from,
      value: 16_000 + i * 400,
      lo80: 15_000,
      hi80: 17_000 + i * 900,
      lo95: 14_000,
      hi95: 18_000 + i * 1400,
    })),
  },
  funnel: {
    kind: "funnel",
    title: "Pipeline by stage",
    unit: "count",
    stages: [
      { stage: "lead", count: 400 },
      { stage: "qualified", count: 220 },
      { stage: "won", count: 42 },
    ],
  },
  survey: {
    kind: "survey",
    survey: "nps",
    title: "NPS answers",
    unit: "count",
    counts: Array.from({ length: 11 }, (_, s) => ({ score: s, count: 5 + s })),
  },
  cohort: {
    kind: "cohort",
    title: "Retention by signup month",
    unit: "percent",
    cohorts: months.slice(0, 4).map((m, i) => ({
      cohort: m.slice(0, 7),
      size: 100,
      retention: Array.from({ length: 4 - i }, (_, k) => 100 * 0.9 ** k),
    })),
  },
  drivers: {
    kind: "drivers",
    title: "Why revenue rose, October 2026",
    unit: "money",
    currency: "EUR",
    change: { value: 180_741, previous: 139_152 },
    drivers: [
      { label: "plan pro", delta: 20_140 },
      { label: "channel organic", delta: 12_380 },
      { label: "country FI", delta: 9_870 },
      { label: "category coffee", delta: -6_450 },
      { label: "plan basic", delta: 5_120 },
      { label: "channel ads", delta: -3_900 },
    ],
  },
  multiples: {
    kind: "multiples",
    title: "Revenue, orders and churn rate, 2025",
    unit: "money",
    panels: [
      {
        title: "Revenue",
        unit: "money",
        currency: "EUR",
        value: 150_000,
        grain: "month",
        points: months.map((from, i) => ({ from, value: 10_000 + i * 800 })),
      },
      {
        title: "Orders",
        unit: "count",
        value: 3_256,
        grain: "month",
        points: months.map((from, i) => ({ from, value: 240 + (i % 4) * 10 })),
      },
      { title: "Churn rate", unit: "percent", value: 3.6, previous: 4 },
    ],
  },
} satisfies Record<ChartData["kind"], ChartData>;
