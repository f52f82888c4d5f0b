/**
 * The operator's door to surveys (the CLI, `pulse serve`'s start): campaigns
 * with a dry run, the automatic schedule switched on and off, and what the
 * installation will send, in words.
 */
import { createAccess } from "../access/access.js";
import { PulseError } from "../errors.js";
import type { Pulse } from "../pulse.js";
import { getWorkspace } from "../workspace/workspace.js";
import { type Audience, type CampaignResult, queueCampaign } from "./campaigns.js";
import type { SurveyChannel, SurveyKind } from "./kinds.js";
import {
  configuredChannels,
  type PlanResult,
  planScheduledSurveys,
  scheduleIsOn,
  setSchedule,
} from "./schedule.js";

class DryRun extends Error {
  constructor(readonly plan: PlanResult) {
    super("dry run");
  }
}

export interface SurveyOperator {
  /** The channels with a bot token set, Telegram first. */
  channels(): SurveyChannel[];
  campaign(
    kind: SurveyKind,
    audience: Audience,
    channel: SurveyChannel,
    options?: { dryRun?: boolean },
  ): Promise<CampaignResult>;
  setSchedule(on: boolean): Promise<void>;
  /**
   * Where `--to-me` sends a test prompt: the one person a user rule allows
   * (docs/access.md) on the first configured platform that has exactly one.
   */
  operatorChat(): Promise<{ channel: SurveyChannel; address: string }>;
  /** What the automatic schedule does, in sentences: the settings, and whether it is on. */
  describeSchedule(): Promise<string[]>;
}

export function createSurveyOperator(pulse: Pulse): SurveyOperator {
  const { db, workspaceId: ws } = pulse;
  const settings = pulse.config.surveys;
  const channels = () => configuredChannels(pulse.config);

  /** What planning now would queue, computed and rolled back. */
  const preview = async (): Promise<PlanResult> => {
    const { timezone } = await getWorkspace(db, ws);
    try {
      await db.transaction(async (tx) => {
        const plan = await planScheduledSurveys(tx, {
          workspaceId: ws,
          now: pulse.clock.now(),
          timezone,
          settings,
          channels: channels(),
        });
        throw new DryRun(plan);
      });
    } catch (error) {
      if (error instanceof DryRun) return error.plan;
      throw error;
    }
    return { csat: 0, nps: 0 };
  };

  return {
    channels,
    async campaign(kind, audience, channel, options = {}) {
      const { timezone } = await getWorkspace(db, ws);
      return queueCampaign(db, {
        workspaceId: ws,
        kind,
        channel,
        audience,
        now: pulse.clock.now(),
        timezone,
        minIntervalDays: settings.minIntervalDays,
        configured: channels(),
        dryRun: options.dryRun === true,
      });
    },
    setSchedule: (on) => setSchedule(db, ws, on),
    async operatorChat() {
      const rules = await createAccess(db, ws).list();
      const configured = channels();
      if (configured.length === 0)
        throw new PulseError(
          "config_invalid",
          "no chat platform is configured: set TELEGRAM_BOT_TOKEN or SLACK_BOT_TOKEN",
        );
      for (const channel of configured) {
        const people = rules.filter((r) => r.platform === channel && r.kind === "user");
        if (people.length === 1) return { channel, address: people[0]!.subject };
      }
      const named = configured
        .flatMap((ch) => rules.filter((r) => r.platform === ch && r.kind === "user"))
        .map((r) => `${r.platform}:${r.subject}`);
      throw new PulseError(
        "survey_invalid",
        named.length === 0
          ? "no person is allowed yet, so Pulse does not know your chat: allow yourself (`pulse access allow telegram user <id>`, or /setup in Telegram) or give --to telegram:<chat id> / --to slack:<user id>"
          : `several people are allowed (${named.join(", ")}): say which is you with --to, e.g. --to ${named[0]}`,
      );
    },
    async describeSchedule() {
      const on = await scheduleIsOn(db, ws);
      const list = channels();
      const what = [
        settings.csatAfterOrderDays > 0
          ? `CSAT ${settings.csatAfterOrderDays} days after each order`
          : null,
        settings.npsEveryDays > 0 ? `NPS every ${settings.npsEveryDays} days per customer` : null,
      ].filter((w): w is string => w !== null);
      const rules = [
        `never more often than once in ${settings.minIntervalDays} days per customer (any survey, any source)`,
        settings.quietHours
          ? `in the customer's daytime only (not ${settings.quietHours.from}:00-${settings.quietHours.to}:00 their time)`
          : "at any hour",
        `unsent questions expire after ${settings.expireDays.csat} days (CSAT, CES) and ${settings.expireDays.nps} days (NPS)`,
        settings.reminderDays > 0
          ? `one reminder ${settings.reminderDays} days after an unanswered question`
          : "no reminders (SURVEY_REMINDER_DAYS)",
      ];
      const via = list.length > 0 ? ` via ${list.join(" and ")}` : "";
      if (list.length === 0)
        return [
          "Surveys: no chat platform is configured, so nothing is sent (set TELEGRAM_BOT_TOKEN or SLACK_BOT_TOKEN).",
        ];
      if (!on)
        return [
          `Surveys: the automatic schedule is off; only campaigns you queue are sent${via} (\`pulse survey schedule on\` starts ${what.join(" and ") || "nothing: both are set to 0"}).`,
          `Surveys are sent ${rules.join("; ")}.`,
        ];
      if (what.length === 0)
        return [
          "Surveys: the automatic schedule is on but asks nothing (SURVEY_CSAT_AFTER_ORDER_DAYS and SURVEY_NPS_EVERY_DAYS are 0).",
        ];
      const next = await preview();
      return [
        `Surveys: the automatic schedule is on: ${what.join(" and ")}${via}; planning now queues ${next.csat} CSAT and ${next.nps} NPS questions (\`pulse survey schedule off\` stops it).`,
        `Surveys are sent ${rules.join("; ")}.`,
      ];
    },
  };
}
