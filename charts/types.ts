/** What a chart shows, independent of the rest of Pulse: callers build these from their answers. */

export type ChartUnit = "count" | "percent" | "money" | "score";
export type ChartGrain = "day" | "week" | "month" | "quarter" | "year";

export interface ChartBase {
  /** States the question and the range. */
  title: string;
  subtitle?: string;
  /** Source or formula, printed under the chart. */
  footnote?: string;
  /** Percent values are 0..100. */
  unit: ChartUnit;
  /** ISO 4217, for money. */
  currency?: string;
}

export type ChartData = ChartBase &
  (
    | {
        kind: "value";
        value: number | null;
        previous?: number | null;
        previousLabel?: string;
        sparkline?: { from: string; value: number | null }[];
      }
    | {
        kind: "series";
        grain: ChartGrain;
        /** `toDate`: the period has not ended; drawn faint and marked "to date". */
        points: {
          from: string;
          value: number | null;
          previous?: number | null;
          toDate?: boolean;
        }[];
        style?: "line" | "bar";
      }
    | { kind: "breakdown"; dimension: string; groups: { key: string; value: number | null }[] }
    | {
        kind: "forecast";
        grain: ChartGrain;
        history: { from: string; value: number }[];
        forecast: {
          from: string;
          value: number;
          lo80: number;
          hi80: number;
          lo95: number;
          hi95: number;
        }[];
      }
    | { kind: "funnel"; stages: { stage: string; count: number; amount?: number }[] }
    | { kind: "survey"; survey: "nps" | "csat" | "ces"; counts: { score: number; count: number }[] }
    | { kind: "cohort"; cohorts: { cohort: string; size: number; retention: (number | null)[] }[] }
    | {
        kind: "drivers";
        /** What changed, for the subtitle: "from €139,152 to €180,741". */
        change?: { value: number | null; previous: number | null };
        /** Each part of the change ("plan pro"), in the unit of the chart. */
        drivers: { label: string; delta: number }[];
      }
    | { kind: "multiples"; panels: ChartPanel[] }
  );

/** One metric of several, drawn in its own panel on its own axis (a chart's `unit` is the first panel's). */
export interface ChartPanel {
  title: string;
  unit: ChartUnit;
  currency?: string;
  value: number | null;
  previous?: number | null;
  /** A series: drawn as a line (bars for counts). */
  grain?: ChartGrain;
  points?: { from: string; value: number | null }[];
  /** A breakdown: drawn as bars. */
  groups?: { key: string; value: number | null }[];
}
