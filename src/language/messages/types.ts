/** The words an answer is written with, per language: one message module per locale. */
import type { DimensionId, Grain, MetricId } from "../../metrics/types.js";

export interface Messages {
  /** The Intl locale numbers and dates are written in. */
  locale: string;
  metrics: Record<MetricId, string>;
  dimensions: Partial<Record<DimensionId, string>>;
  grains: Record<Grain, string>;
  quarter: (q: number, year: string) => string;
  toDate: string;
  noData: string;
  up: string;
  down: string;
  unchanged: string;
  excluding: string;
  or: string;
  /** "By plan", "highest first". */
  by: (dimension: string) => string;
  highestFirst: string;
  lowestFirst: string;
  more: (n: number) => string;
  rising: string;
  falling: string;
  flat: string;
  high: string;
  low: string;
  formula: string;
  /** The first line of a reply that left words out. */
  notUsed: (words: string) => string;
  /** A question not answered: said first, in the asker's language. */
  notAnswered: string;
  /** What the answer could be asked as instead. */
  tryAsking: string;
  notStarted: (range: string) => string;
}
