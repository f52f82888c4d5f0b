/**
 * The alert reader: any wording that asks to be told of something later
 * ("ping me if", "heads up if", "let me know when", "keep an eye on", "flag",
 * "warn", "tell #sales when", "if X falls under Y let me know", "every monday
 * 9am post ..."), and commands about rules that exist, read into alerts.md's
 * request. Tried before the question reader; null when the words ask
 * nothing of an alert, so a plain question is never turned into one.
 */
import type { Filter } from "../../metrics/types.js";
import { understand } from "../../questions/pipeline.js";
import type { UnknownAsk } from "../../questions/query.js";
import type { WorkspaceValues } from "../../questions/workspace-values.js";
import {
  type AlertRequest,
  type RuleSpec,
  refusal,
  type ScheduleSpec,
  type WatchedQuery,
  type WatchWindow,
} from "../request.js";
import { type Utterance, utter } from "../utterance.js";
import { emptyRule, readCondition, readWatch } from "./conditions.js";
import { readEvent } from "./events.js";
import { readManage } from "./manage.js";
import { readSchedule } from "./schedule-words.js";
import { namedWindow, watched } from "./watched.js";

export interface AlertContext {
  /** The workspace-local date the words are read on. */
  today: string;
  /** The instant they are read at ("for 2 hours" is counted from it). */
  now: Date;
  /** The workspace's zone ("until monday" is Monday 00:00 there). */
  timezone: string;
  values: WorkspaceValues;
}

/** Rules Pulse reads, offered when words are not one: one of each kind. */
export const alertExamples: readonly string[] = [
  "alert me when churn goes above 5%",
  "tell me if orders drop more than 25% compared to last week",
  "let me know if anything weird happens with revenue",
  "alert me when a deal over 5k is won",
  "every Monday at 9 send revenue last week and NPS",
];

/** The examples as a sentence: 'Try "a", "b" or "c".' */
export const tryRules = `Try ${alertExamples
  .slice(0, -1)
  .map((e) => `"${e}"`)
  .join(", ")} or "${alertExamples.at(-1)}".`;

const steering =
  /\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+|my\s+|previous\s+|prior\s+|above\s+|earlier\s+)*(?:instructions?|prompts?|rules|guidelines|directions)\b|\bsystem prompt\b|\byou are now\b|\bpretend (?:to be|you are)\b|\bact as (?:an?|the)\b|\bjailbreak\b|\bdeveloper mode\b|\bnew instructions\b/;
const code =
  /^\s*[[{]|[{}]\s*$|```|\bfunction\s*\(|=>|\bconsole\.|\bimport\s+[\w{]|<\/?[a-z]+>|"\s*:\s*["{[\d]|\bselect\s+.+\s+from\b/;
const reminder =
  /^(?:(?:please|pls|can you|could you|hey)\s+)*(?:remind(?:er)?|set (?:a|an) reminder|make a note|note to self|todo|to-do|add (?:a )?task|create (?:a )?task|book (?:a )?(?:call|meeting)|schedule (?:a )?(?:call|meeting))\b|\bremind (?:me|us|\w+) (?:to|about|that)\b/;

const WHO = String.raw`(?:me|us|the team|everyone|everybody|them|the channel|this channel|the group|here|#[\w-]+)`;
/** Words that ask to be told later; removed, they leave the condition. */
const cues: RegExp[] = [
  new RegExp(
    String.raw`\b(?:alert|notify|ping|warn|message|dm|text|email|e-mail|inform|buzz|nudge)\s+(?:${WHO}\s+)?(?:know\s+)?`,
    "g",
  ),
  new RegExp(String.raw`\btell\s+${WHO}\s+`, "g"),
  new RegExp(String.raw`\blet\s+${WHO}\s+know\b`, "g"),
  new RegExp(
    String.raw`\b(?:give|send)\s+(?:${WHO}\s+)?(?:an?\s+)?(?:quick\s+)?(?:heads[- ]?up|shout|ping|nudge|buzz|alert|notification|message|warning|note)\b`,
    "g",
  ),
  /\bheads[- ]?up\b/g,
  /\b(?:raise\s+a\s+)?flag(?:\s+(?:it|this|that))?\b/g,
  /\bi\s+(?:want|need|'d like|would like|wanna)\s+to\s+(?:know|hear|be\s+(?:told|alerted|notified|pinged|warned|informed))\b/g,
  /\bkeep\s+(?:me|us)\s+(?:posted|updated|informed|in the loop)\b/g,
  /\b(?:set\s+up|create|add|make|setup)\s+(?:an?\s+|new\s+)*(?:alert|notification|warning|alarm)s?(?:\s+(?:for|on|when|if))?\b/g,
  /\bnew alert\b|^alert\s*:|\bshout\b/g,
];
const watchCue =
  /\b(?:keep\s+(?:an|a close)\s+eye\s+on|keep\s+(?:tabs|watch)\s+on|watch(?:\s+out\s+for)?|monitor|track)\b/;
const conjunction =
  /^(?:\s*(?:and|so|then|please|pls|just|also|,|-|:|—))*\s*(?:when(?:ever)?|if|as soon as|once|in case|the moment|any ?time|each time|every time|should|whenever)\b/;
const questionAfterWhen =
  /^\s*(?:when|if)\s+(?:did|was|were|is|are|will|do|does|has|have|had|would|could|should|can)\b/;
const digestVerb =
  /\b(?:send|post|share|give|deliver|dm|drop|show|report|digest|summary|summar(?:ise|ize)|recap|brief(?:ing)?|update)\b/;

const unknownAlert = (reason: string): UnknownAsk =>
  refusal(reason, [...alertExamples.slice(0, 3)]);

const clean = (text: string) =>
  text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\bpls\b|\bplz\b/g, "please")
    .replace(/[.!?]+(?=\s|$)/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** The chat a request posts to: Slack's id when it linked the channel, else "#name". */
function channelOf(text: string, message: Utterance): { channel: string | null; rest: string } {
  const m = /(?:\b(?:to|in|into|on|at)\s+(?:the\s+)?)?#([\w-]+)(?:\s+(?:channel|chat))?/.exec(text);
  if (!m) return { channel: null, rest: text };
  const name = m[1]!;
  const known = message.channels.find((c) => c.name === name || c.id?.toLowerCase() === name);
  return {
    channel: known?.id ?? `#${name}`,
    // "tell #sales when", "post ... to #sales": the chat is said apart; "us" keeps the cue whole.
    rest: `${text.slice(0, m.index)} us ${text.slice(m.index + m[0].length)}`,
  };
}

const alert = (rule: RuleSpec, channel: string | null): AlertRequest => ({
  intent: "alert",
  action: "create",
  target: null,
  rule,
  until: null,
  channel,
  unused: [],
});

/** An alert request, a refusal of one, or null when the words ask for no alert. */
export function readAlert(message: Utterance, ctx: AlertContext): AlertRequest | UnknownAsk | null {
  const text = clean(message.lower);
  if (text === "") return null;
  if (steering.test(text))
    return refusal(
      "I read questions about the business and alert requests; I do not take instructions that change how I work.",
      [...alertExamples.slice(0, 2)],
    );
  if (code.test(message.text))
    return refusal("That looks like pasted code or JSON: I read requests written in words.", [
      ...alertExamples.slice(0, 2),
    ]);
  if (reminder.test(text))
    return refusal(
      "I do not keep reminders or tasks; I can tell you when a number crosses a line or something happens in the data.",
      [...alertExamples.slice(0, 2)],
    );

  const managed = readManage(text, { ...ctx });
  if (managed) return "problem" in managed ? unknownAlert(managed.problem) : managed;

  const { channel, rest: unposted } = channelOf(text, message);
  let condition = ` ${unposted} `;
  let cued = false;
  let strong = false;
  for (const cue of cues) {
    condition = condition.replace(cue, (found) => {
      cued = true;
      if (!/^(?:tell|let|i )/.test(found)) strong = true;
      return " ; ";
    });
  }
  const watch = watchCue.exec(condition);
  if (watch)
    condition = `${condition.slice(0, watch.index)} ${condition.slice(watch.index + watch[0].length)}`;
  // What stands before the cue and after it are one condition ("if X falls under Y ; ").
  const parts = condition
    .split(";")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const startsWithWhen =
    conjunction.test(parts.join(" ")) && !questionAfterWhen.test(parts.join(" "));
  condition = parts
    .map((p) => p.replace(conjunction, " "))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();

  const schedule = readSchedule(condition);
  const sends = digestVerb.test(condition);
  if (!cued && !watch && !startsWithWhen && !(sends && schedule.schedule?.every)) {
    return schedule.problem && sends ? unknownAlert(schedule.problem) : null;
  }
  // "checked every hour", "check daily at 9": how often a rule is checked.
  let check: ScheduleSpec | null = null;
  let ruleWords = condition;
  const checked = /[,;]?\s*\b(?:check(?:ed)?|evaluated?|look)\s+(.+)$/.exec(condition);
  if (checked) {
    const read = readSchedule(checked[1]!);
    if (read.problem) return unknownAlert(read.problem);
    if (read.schedule) {
      check = read.schedule;
      ruleWords = condition.slice(0, checked.index).trim();
    }
  } else {
    const often = /\b(?:every hour|hourly|every \d+ (?:minutes?|mins?|hours?|seconds?))\b/.exec(
      condition,
    );
    if (often) {
      const read = readSchedule(often[0]);
      if (read.problem) return unknownAlert(read.problem);
      check = read.schedule;
      ruleWords = condition.replace(often[0], " ").trim();
    }
  }
  const periodic = schedule.schedule?.every && schedule.schedule.every !== "hour";
  if (periodic && sends && !/\b(?:if|when|whenever)\b/.test(unposted))
    return schedule.problem
      ? unknownAlert(schedule.problem)
      : readDigest(schedule.rest, schedule.schedule!, channel, ctx);
  // "with at least 30 customers": the volume a rate needs, said apart from what is watched.
  let minVolume: number | undefined;
  const volume =
    /[,;]?\s*\b(?:with\s+)?(?:at least|min(?:imum)?(?: volume)?(?: of)?)\s+([\d,]+)\s*(?:customers|orders|deals|responses|people|users|accounts)?\s*$/.exec(
      ruleWords,
    );
  if (volume && !/\b(?:is|goes|gets|stays|at least)\s*$/.test(ruleWords.slice(0, volume.index))) {
    minVolume = Number(volume[1]!.replace(/,/g, ""));
    ruleWords = ruleWords.slice(0, volume.index).trim();
  }
  const conditionContext = { today: ctx.today, values: ctx.values };
  const event = readEvent(ruleWords, conditionContext);
  if (event) {
    if ("problem" in event) return unknownAlert(event.problem);
    return alert({ ...emptyRule, kind: "event", event: event.event }, channel);
  }
  const read =
    readCondition(ruleWords, conditionContext) ??
    (watch ? readWatch(ruleWords, conditionContext) : null);
  if (read && "rule" in read)
    return alert(
      { ...read.rule, schedule: check, ...(minVolume !== undefined ? { minVolume } : {}) },
      channel,
    );
  // A digest: a schedule and something to send.
  if (periodic) return readDigest(schedule.rest, schedule.schedule!, channel, ctx);
  if (schedule.problem) return unknownAlert(schedule.problem);
  if (!read) {
    // "tell me when churn was highest" asks a question: only words that set up an alert are refused as one.
    if (!strong && !watch) return null;
    // "alert me about churn": the metric is known, what to watch it for is asked back.
    const about = /^(?:about|on|of|for)\s+(.+)$/.exec(ruleWords);
    if (about && !("problem" in watched(about[1]!, ctx.today, ctx.values)))
      return unknownAlert(
        `What should I watch ${about[1]} for? Say for example "alert me when ${about[1]} goes above 5%" or "alert me when ${about[1]} drops more than 20% vs last month".`,
      );
    return unknownAlert(`I could not read that alert. ${tryRules}`);
  }
  if (!cued && !watch) return null;
  return {
    ...unknownAlert(read.problem),
    suggestions: read.suggestions.length > 0 ? read.suggestions : [...alertExamples.slice(0, 3)],
  };
}

/** The default range of a digest's answers: the period just before each sending. */
const periodBefore: Record<
  NonNullable<ScheduleSpec["every"]>,
  { words: string; window: WatchWindow }
> = {
  hour: { words: "today", window: { period: "today" } },
  day: { words: "yesterday", window: { period: "yesterday" } },
  weekday: { words: "yesterday", window: { period: "yesterday" } },
  week: { words: "last week", window: { period: "last_week" } },
  month: { words: "last month", window: { period: "last_month" } },
};

const digestWords =
  /\b(?:send|post|share|give|deliver|dm|drop|show|report|digest|summary|summar(?:ise|ize)|recap|brief(?:ing)?|update|me|us|the team|everyone|a|an|the|our|with|of|on|please|can you|could you|numbers?|figures?|stats)\b/g;

function readDigest(
  words: string,
  schedule: ScheduleSpec,
  channel: string | null,
  ctx: AlertContext,
): AlertRequest | UnknownAsk {
  const list = words
    .replace(/[,;:]+/g, " , ")
    .replace(digestWords, " ")
    .replace(/\s+/g, " ")
    .replace(/^[\s,]+|[\s,]+$/g, "")
    .trim();
  if (list === "")
    return unknownAlert(
      `What should I send ${"every " + schedule.every}? Say for example "every monday 9am post revenue last week".`,
    );
  const fallback = periodBefore[schedule.every ?? "day"];
  const read = (part: string): WatchedQuery[] | UnknownAsk => {
    const named = namedWindow(part);
    const text = named ? part : `${part} ${fallback.words}`;
    const { query } = understand(utter(text.replace(/\s*,\s*/g, ", ")), ctx.today, ctx.values);
    if (query.intent !== "metric")
      return unknownAlert(
        query.intent === "unknown"
          ? (query.reason ??
              `I do not know a metric in "${part}". Say "help" to see the metrics I know.`)
          : `I can send numbers in a digest, and "${part}" reads as ${query.intent === "list" ? `a list of ${query.entity}` : "another kind of answer"}: ask it on its own to see it.`,
      );
    return query.metrics.map((metric) => ({
      metric,
      filters: [...query.filters] as Filter[],
      groupBy: query.groupBy,
      from: query.range.from,
      to: query.range.to,
      window: named ?? fallback.window,
    }));
  };
  let queries = read(list);
  // "revenue last month and churn last month": each part read as its own question.
  if (!Array.isArray(queries)) {
    const parts = list.split(/\s*(?:,|\band\b|\+|&)\s*/).filter((p) => p !== "");
    const each = parts.length > 1 ? parts.map(read) : [];
    if (each.length > 0 && each.every(Array.isArray)) queries = (each as WatchedQuery[][]).flat();
  }
  if (!Array.isArray(queries)) return queries;
  const at = schedule.at ?? "09:00";
  const every = schedule.every ?? "day";
  return alert(
    { ...emptyRule, kind: "digest", queries, schedule: { ...schedule, every, at } },
    channel,
  );
}
