/**
 * The front door: a message becomes one Request by rules tried in one
 * ordered list, each returning a Request or nothing; the first that claims
 * the message reads it. Order matters:
 *
 * 1. alerts: anything asking to be told later, or about rules that exist
 *    (and refusals: reminders, instructions to the assistant, pasted code);
 * 2. survey reports: "how did the November NPS campaign go?";
 * 3. insights: churn risk, profitability, complaint themes;
 * 4. questions: everything else, unknown with suggestions when not read.
 *
 * docs/reading.md draws it and says how to add a phrase.
 */
import { matchInsight } from "../insights/match.js";
import { understand } from "../questions/pipeline.js";
import type { WorkspaceValues } from "../questions/workspace-values.js";
import { readAlert } from "./alerts/read-alert.js";
import type { Request } from "./request.js";
import { readSurveyReport } from "./survey-report.js";
import type { Utterance } from "./utterance.js";

export interface ReadingContext {
  /** The workspace-local date ("now" of questions.md). */
  today: string;
  /** The instant the message was received. */
  now: Date;
  /** The workspace's zone. */
  timezone: string;
  /** The workspace's own values (plans, channels, owners, ...); {} without a database. */
  values: WorkspaceValues;
}

export type Reader = (message: Utterance, ctx: ReadingContext) => Request | null;

export const readers: readonly { name: string; read: Reader }[] = [
  { name: "alert", read: readAlert },
  { name: "survey report", read: readSurveyReport },
  {
    name: "insight",
    read: (message, ctx) => {
      const insight = matchInsight(message, ctx.today);
      return insight ? { intent: "insight", insight, unused: [] } : null;
    },
  },
  {
    name: "question",
    read: (message, ctx) => {
      const { query } = understand(message, ctx.today, ctx.values);
      // The question reader marks no alert: alert words were read above.
      return query.intent === "alert" ? null : query;
    },
  },
];

/** The request a message makes: total, never throws. */
export function readRequest(message: Utterance, ctx: ReadingContext): Request {
  for (const { read } of readers) {
    const request = read(message, ctx);
    if (request) return request;
  }
  throw new Error("the question reader reads every message");
}
