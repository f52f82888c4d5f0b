/**
 * The texts customers see, bound to one Pulse (its workspace's name and the
 * configured wording file). Campaigns are operator.ts; the customer's side
 * is dialog.ts; links are links.ts.
 */
import type { Pulse } from "../pulse.js";
import { getWorkspace } from "../workspace/workspace.js";
import { createWording, readWordingFile, type Wording } from "./texts.js";

export interface Surveys {
  wording(): Promise<Wording>;
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
  };
}
