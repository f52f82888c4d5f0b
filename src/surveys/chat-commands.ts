/**
 * Survey questions a team member asks in chat, read before the question
 * pipeline: "how did the November NPS campaign go?", "survey report 1a2b3c4d".
 * A text that is about a campaign but names none is told how to name one,
 * never answered as another question.
 */
import type { Database } from "../../db/client.js";
import type { AskInput, Reply } from "../assistant/types.js";
import type { Clock } from "../clock.js";
import { readSurveyReport } from "../reading/survey-report.js";
import { utter } from "../reading/utterance.js";
import { getWorkspace } from "../workspace/workspace.js";
import { campaignReport, campaignReportText, parseCampaignName } from "./report.js";

const notice = (text: string): Reply => ({ kind: "notice", text });

export function createSurveyCommands(deps: { db: Database; clock: Clock }) {
  return {
    async handle(input: AskInput): Promise<Reply | null> {
      const asked = readSurveyReport(utter(input.text));
      if (!asked) return null;
      const name = asked.campaign === null ? null : parseCampaignName(asked.campaign);
      if (!name)
        return notice(
          'Which campaign? Name it by kind and month ("how did the November NPS campaign go?") or by its id ("survey report 1a2b3c4d"; `pulse survey status` shows ids).',
        );
      const workspace = await getWorkspace(deps.db, input.asker.workspaceId);
      const report = await campaignReport(deps.db, {
        workspaceId: workspace.id,
        name,
        now: deps.clock.now(),
        timezone: workspace.timezone,
      });
      return notice("error" in report ? report.error : campaignReportText(report));
    },
  };
}
