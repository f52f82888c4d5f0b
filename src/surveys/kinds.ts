/** The three survey kinds: their scales, and who counts as a detractor. */
import { type SQL, sql } from "drizzle-orm";
import { surveyKinds } from "../../db/schema/data.js";
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

/** A detractor's highest score: NPS 0-6, CSAT 1-2, CES 1-2 (1 = very difficult). */
export const detractorMax: Record<SurveyKind, number> = { nps: 6, csat: 2, ces: 2 };

export const isDetractor = (kind: SurveyKind, score: number): boolean =>
  score <= detractorMax[kind];

/** isDetractor in SQL, on a response's kind and score columns. */
export const isDetractorSql = (kind: SQL, score: SQL): SQL =>
  sql`(${sql.join(
    surveyKinds.map((k) => sql`(${kind} = ${k} and ${score} <= ${detractorMax[k]})`),
    sql` or `,
  )})`;
