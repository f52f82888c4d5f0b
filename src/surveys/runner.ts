/**
 * Surveys under `pulse serve`: plans the schedule (when the operator turned
 * it on) and the reminders every hour, and sends what is due every few
 * seconds, until stopped (the prompt in flight finishes; what was claimed and
 * not sent goes back to pending).
 */
import type { Pulse } from "../pulse.js";
import { getWorkspace } from "../workspace/workspace.js";
import { raiseWaitingDetractors } from "./answers.js";
import { createSurveySender } from "./delivery.js";
import type { RateLimiter } from "./rate-limit.js";
import {
  configuredChannels,
  planReminders,
  planScheduledSurveys,
  scheduleIsOn,
} from "./schedule.js";
import { createSurveys } from "./surveys.js";
import type { SurveyTransport } from "./transport.js";

export interface RunningDelivery {
  stop(): Promise<void>;
}

export async function startSurveyDelivery(
  pulse: Pulse,
  transport: SurveyTransport,
  {
    pollMs = 5_000,
    planEveryMs = 3_600_000,
    limiter,
  }: { pollMs?: number; planEveryMs?: number; limiter?: RateLimiter } = {},
): Promise<RunningDelivery> {
  const wording = await createSurveys(pulse).wording();
  const settings = pulse.config.surveys;
  const { timezone } = await getWorkspace(pulse.db, pulse.workspaceId);
  let stopped = false;
  let wake: (() => void) | undefined;
  let current: ReturnType<typeof createSurveySender> | undefined;
  let plannedAt = Number.NEGATIVE_INFINITY;
  const loop = (async () => {
    while (!stopped) {
      try {
        const now = pulse.clock.now();
        if (now.getTime() - plannedAt >= planEveryMs) {
          const place = {
            workspaceId: pulse.workspaceId,
            now,
            timezone,
            settings,
            channels: configuredChannels(pulse.config),
          };
          const planned = (await scheduleIsOn(pulse.db, pulse.workspaceId))
            ? await planScheduledSurveys(pulse.db, place)
            : { csat: 0, nps: 0 };
          const reminders = await planReminders(pulse.db, place);
          plannedAt = now.getTime();
          if (planned.csat + planned.nps + reminders > 0)
            pulse.logger.info({ ...planned, reminders }, "scheduled surveys queued");
        }
        // Detractors who wrote no comment within the wait: their alerts go now.
        await raiseWaitingDetractors(pulse.db, pulse.workspaceId, now);
        current = createSurveySender({
          db: pulse.db,
          workspaceId: pulse.workspaceId,
          transport,
          wording,
          clock: pulse.clock,
          logger: pulse.logger,
          expireDays: settings.expireDays,
          quietHours: settings.quietHours,
          timezone,
          ...(limiter ? { limiter } : {}),
        });
        const stats = await current.drain();
        if (stats.sent + stats.unreachable + stats.failed + stats.expired > 0)
          pulse.logger.info({ channel: transport.channel, ...stats }, "survey prompts delivered");
      } catch (error) {
        pulse.logger.error({ err: error }, "survey delivery failed; retrying");
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, pollMs);
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      current?.stop();
      wake?.();
      await loop;
    },
  };
}
