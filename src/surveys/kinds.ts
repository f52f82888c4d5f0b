/** The three survey kinds: their scales, and who counts as a detractor. */
import type { surveyKinds } from "../../db/schema/data.js";
import type { surveyChannels } from "../../db/schema/surveys.js";

export type SurveyKind = (typeof surveyKinds)[number];
export type SurveyChannel = (typeof surveyChannels)[number];

export const scales: Record<SurveyKind, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
};

export const isSurveyKind = (value: string): value is SurveyKind => value in scales;

export const inScale = (kind: SurveyKind, score: number): boolean =>
  Number.isInteger(score) && score >= scales[kind].min && score <= scales[kind].max;

/** NPS 0-6, CSAT 1-2, CES 1-2 (1 = very difficult). */
export const isDetractor = (kind: SurveyKind, score: number): boolean =>
  kind === "nps" ? score <= 6 : score <= 2;
