/**
 * A survey campaign's report asked in chat: "how did the November NPS
 * campaign go?", "survey report 1a2b3c4d". A text about a campaign that
 * names none is still a report request (campaign null), so it is told how to
 * name one and never answered as another question.
 */
import type { SurveyReportAsk } from "./request.js";
import type { Utterance } from "./utterance.js";

/** "how did/was/is ... campaign go/do", "survey report ...", "report on the ... campaign". */
const asksForReport = (text: string): boolean =>
  /\bcampaigns?\b/.test(text) &&
  /\b(how (did|was|is|has|are|were)|report|results?|summary|sum up)\b/.test(text);

export function readSurveyReport(message: Utterance): SurveyReportAsk | null {
  const text = message.lower.trim();
  const direct = /^survey report\s+(.+)$/.exec(text);
  if (!direct && !asksForReport(text)) return null;
  return { intent: "survey_report", campaign: direct?.[1] ?? text, unused: [] };
}
