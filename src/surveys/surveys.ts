/**
 * The operator's side of surveys bound to one Pulse (its database,
 * workspace, clock and wording): the texts customers see, and campaigns.
 * The customer's side is dialog.ts; links are links.ts.
 */
import type { Pulse } from "../pulse.js";
import { getWorkspace } from "../workspace/workspace.js";
import { type Audience, type CampaignResult, queueCampaign } from "./campaigns.js";
import type { SurveyChannel, SurveyKind } from "./kinds.js";
import { createWording, readWordingFile, type Wording } from "./texts.js";

export interface Surveys {
  wording(): Promise<Wording>;
  campaign(kind: SurveyKind, audience: Audience, channel: SurveyChannel): Promise<CampaignResult>;
}

export function createSurveys(pulse: Pulse): Surveys {
  const db = pulse.db;
  const ws = pulse.workspaceId;
  let wording: Promise<Wording> | undefined;
  return {
    wording() {
      wording ??= (async () => {
        const settings = pulse.config.surveys;
        const name = settings.businessName ?? (await getWorkspace(db, ws)).name;
        return createWording(name, settings.textsFile ? readWordingFile(settings.textsFile) : {});
      })();
      return wording;
    },
    async campaign(kind, audience, channel) {
      const { timezone } = await getWorkspace(db, ws);
      return queueCampaign(db, {
        workspaceId: ws,
        kind,
        channel,
        audience,
        now: pulse.clock.now(),
        timezone,
        minIntervalDays: pulse.config.surveys.minIntervalDays,
      });
    },
  };
}
