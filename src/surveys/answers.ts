/**
 * Answers: one response per prompt, whatever happens on the wire. The prompt
 * row is locked while its answer is written, so double taps, replayed updates
 * and retries find the response already there. A different score within the
 * change window updates that same response; later it stays as first given.
 * A detractor raises a `survey_detractor` event for the alerts feature,
 * carrying the comment's sentiment, themes and language: when the comment
 * arrives, or DETRACTOR_WAIT_MS after the answer when none came (then the
 * score is final too: the wait is the change window), so the team's alert
 * says what the customer wrote instead of arriving before it.
 */
import { sql } from "drizzle-orm";
import { type Database, instant, type Queryable } from "../../db/client.js";
import { analyseSentiment } from "../sentiment/score.js";
import { topicsOf } from "../themes/topics.js";
import {
  inScale,
  isDetractor,
  isDetractorSql,
  type SurveyChannel,
  type SurveyKind,
} from "./kinds.js";

/** How long a customer may change their mind (a second tap updates the response). */
export const CHANGE_WINDOW_MS = 10 * 60_000;
/** How long a detractor's alert waits for the comment before it goes without one. */
export const DETRACTOR_WAIT_MS = CHANGE_WINDOW_MS;
/** How long after the follow-up question a reply to it counts as the comment. */
export const COMMENT_WINDOW_MS = 24 * 60 * 60_000;
/** A Slack direct message this soon after the follow-up question is its answer, when no comment came yet. */
export const SLACK_DM_COMMENT_WINDOW_MS = 30 * 60_000;

export type AnswerOutcome =
  /** First answer: the response was written. Ask the follow-up question. */
  | "recorded"
  /** A new score within the change window: the same response now has it. */
  | "changed"
  /** The same score again (double tap, replayed update): nothing written. */
  | "unchanged"
  /** A different score after the change window: the first answer stands. */
  | "locked"
  /** No such prompt for this customer, or a score off the scale (forged callback data). */
  | "unknown";

export interface AnswerResult {
  outcome: AnswerOutcome;
  responseId: string | null;
  kind: SurveyKind | null;
}

export const responseIdOf = (promptId: number): string => `prompt-${promptId}`;
const eventIdOf = (responseId: string): string => `survey_detractor:${responseId}`;

/** What a detractor's comment is about and in which language, for the alert. */
const feedbackOf = (comment: string | null, language: string | null) => ({
  themes: comment ? topicsOf(comment) : [],
  language,
});

async function raiseDetractor(
  tx: Queryable,
  r: {
    workspaceId: string;
    responseId: string;
    customerId: string;
    kind: SurveyKind;
    score: number;
    comment: string | null;
    sentiment: number | null;
    language: string | null;
    at: Date;
  },
): Promise<void> {
  const properties = JSON.stringify({
    responseId: r.responseId,
    kind: r.kind,
    score: r.score,
    ...feedbackOf(r.comment, r.language),
  });
  await tx.rows(sql`insert into events (workspace_id, id, customer_id, kind, occurred_at, text, properties, sentiment)
    values (${r.workspaceId}, ${eventIdOf(r.responseId)}, ${r.customerId}, 'survey_detractor', ${instant(r.at)},
      ${r.comment}, ${properties}::jsonb, ${r.sentiment})
    on conflict (workspace_id, id) do update
      set text = excluded.text, properties = excluded.properties, sentiment = excluded.sentiment`);
}

/** Records a tap (a button or a poll option) as the answer to a prompt. */
export async function recordAnswer(
  db: Database,
  a: {
    workspaceId: string;
    promptId: number;
    customerId: string;
    score: number;
    at: Date;
    changeWindowMs?: number;
  },
): Promise<AnswerResult> {
  return db.transaction(async (tx) => {
    const [prompt] = await tx.rows<{
      kind: SurveyKind;
      channel: string;
      customer_id: string;
      answered_at: Date | string | null;
    }>(sql`select kind, channel, customer_id, answered_at from survey_prompts
      where workspace_id = ${a.workspaceId} and id = ${a.promptId} for update`);
    if (!prompt || prompt.customer_id !== a.customerId || !inScale(prompt.kind, a.score))
      return { outcome: "unknown", responseId: null, kind: null };
    const responseId = responseIdOf(a.promptId);
    const result = (outcome: AnswerOutcome): AnswerResult => ({
      outcome,
      responseId,
      kind: prompt.kind,
    });
    const [existing] = await tx.rows<{
      score: number;
      comment: string | null;
      sentiment: number | null;
      locale: string | null;
    }>(sql`select r.score, r.comment, r.sentiment, c.locale from survey_responses r
      left join customers c on c.workspace_id = r.workspace_id and c.id = r.customer_id
      where r.workspace_id = ${a.workspaceId} and r.id = ${responseId}`);
    const detractor = {
      workspaceId: a.workspaceId,
      responseId,
      customerId: a.customerId,
      kind: prompt.kind,
      score: a.score,
      comment: existing?.comment ?? null,
      sentiment: existing?.sentiment ?? null,
      language: existing?.comment
        ? analyseSentiment(existing.comment, { locale: existing.locale }).language
        : null,
      at: a.at,
    };
    if (!existing) {
      await tx.rows(sql`insert into survey_responses
          (workspace_id, id, customer_id, kind, score, responded_at, source, prompt_id)
        values (${a.workspaceId}, ${responseId}, ${a.customerId}, ${prompt.kind}, ${a.score}, ${instant(a.at)},
          ${prompt.channel}, ${String(a.promptId)})`);
      await tx.rows(sql`update survey_prompts set status = 'answered', answered_at = ${instant(a.at)}
        where workspace_id = ${a.workspaceId} and id = ${a.promptId}`);
      // A detractor's event waits for the comment (raiseWaitingDetractors).
      return result("recorded");
    }
    if (existing.score === a.score) return result("unchanged");
    const answeredAt = new Date(prompt.answered_at ?? a.at).getTime();
    if (a.at.getTime() - answeredAt > (a.changeWindowMs ?? CHANGE_WINDOW_MS))
      return result("locked");
    await tx.rows(sql`update survey_responses set score = ${a.score}
      where workspace_id = ${a.workspaceId} and id = ${responseId}`);
    // A corrected misclick: a raised event (there is one once a comment came) follows the score.
    if (isDetractor(prompt.kind, a.score)) {
      if (existing.comment) await raiseDetractor(tx, detractor);
    } else
      await tx.rows(
        sql`delete from events where workspace_id = ${a.workspaceId} and id = ${eventIdOf(responseId)}`,
      );
    return result("changed");
  });
}

/**
 * Notes that the follow-up question was asked, and as which message: the
 * comment is the reply to that message (Telegram's Force Reply), or in Slack
 * the modal, a reply in the question's thread, or the first direct message
 * right after it.
 */
export async function markCommentAsked(
  db: Queryable,
  workspaceId: string,
  promptId: number,
  at: Date,
  messageId: string | null,
): Promise<void> {
  await db.rows(sql`update survey_prompts set comment_asked_at = ${instant(at)}, comment_message_id = ${messageId}
    where workspace_id = ${workspaceId} and id = ${promptId}`);
}

/** Where a customer's message sits: the message it replies to (Telegram) or its thread (Slack), if any. */
export interface CommentContext {
  channel: SurveyChannel;
  replyTo: string | null;
  now: Date;
}

/**
 * The prompt a customer's message comments on, or null: it must reply to the
 * follow-up question within the window, from a customer who has not opted
 * out. Slack direct messages cannot reply to a message, so there the first
 * message soon after the question counts too, once.
 */
export async function commentTarget(
  db: Queryable,
  workspaceId: string,
  customerId: string,
  at: CommentContext,
): Promise<number | null> {
  const since = (ms: number) => instant(new Date(at.now.getTime() - ms));
  const reply =
    at.replyTo === null
      ? sql`false`
      : at.channel === "telegram"
        ? sql`p.comment_message_id = ${at.replyTo}`
        : sql`(p.comment_message_id = ${at.replyTo} or p.message_id = ${at.replyTo})`;
  const soonAfter =
    at.channel === "slack" && at.replyTo === null
      ? sql`(p.comment_asked_at > ${since(SLACK_DM_COMMENT_WINDOW_MS)} and r.comment is null)`
      : sql`false`;
  const [row] = await db.rows<{ id: number | string }>(sql`select p.id from survey_prompts p
    join customers c on c.workspace_id = p.workspace_id and c.id = p.customer_id
    left join survey_responses r on r.workspace_id = p.workspace_id and r.id = 'prompt-' || p.id
    where p.workspace_id = ${workspaceId} and p.customer_id = ${customerId} and p.channel = ${at.channel}
      and not c.survey_opt_out
      and p.comment_asked_at > ${since(COMMENT_WINDOW_MS)}
      and (${reply} or ${soonAfter})
    order by p.comment_asked_at desc limit 1`);
  return row ? Number(row.id) : null;
}

/** Whether the customer was asked for a comment within the window (a message that is no reply gets a hint). */
export async function commentAwaited(
  db: Queryable,
  workspaceId: string,
  customerId: string,
  at: CommentContext,
): Promise<boolean> {
  const [row] = await db.rows(sql`select 1 from survey_prompts
    where workspace_id = ${workspaceId} and customer_id = ${customerId} and channel = ${at.channel}
      and comment_asked_at > ${instant(new Date(at.now.getTime() - COMMENT_WINDOW_MS))}
    limit 1`);
  return row !== undefined;
}

export interface CommentResult {
  responseId: string;
  comment: string;
  sentiment: number | null;
}

/**
 * Adds free text to a prompt's response (several messages are joined) and
 * scores the sentiment of the whole comment at once.
 */
export async function recordComment(
  db: Database,
  c: { workspaceId: string; promptId: number; customerId: string; text: string },
): Promise<CommentResult | null> {
  const text = c.text.trim();
  if (text === "") return null;
  const responseId = responseIdOf(c.promptId);
  return db.transaction(async (tx) => {
    const [row] = await tx.rows<{
      comment: string | null;
      kind: SurveyKind;
      score: number;
      locale: string | null;
      responded_at: Date | string;
    }>(
      sql`select r.comment, r.kind, r.score, c.locale, r.responded_at from survey_responses r
        left join customers c on c.workspace_id = r.workspace_id and c.id = r.customer_id
        where r.workspace_id = ${c.workspaceId} and r.id = ${responseId} and r.customer_id = ${c.customerId}
        for update of r`,
    );
    if (!row) return null;
    const comment = row.comment ? `${row.comment}\n${text}` : text;
    // The customer's locale helps name the language of a short comment ("ok").
    const { score: sentiment, language } = analyseSentiment(comment, { locale: row.locale });
    await tx.rows(sql`update survey_responses set comment = ${comment}, sentiment = ${sentiment}
      where workspace_id = ${c.workspaceId} and id = ${responseId}`);
    // The first comment raises the detractor's alert; later ones update its event.
    if (isDetractor(row.kind, row.score))
      await raiseDetractor(tx, {
        workspaceId: c.workspaceId,
        responseId,
        customerId: c.customerId,
        kind: row.kind,
        score: row.score,
        comment,
        sentiment,
        language,
        at: new Date(row.responded_at),
      });
    return { responseId, comment, sentiment };
  });
}

/**
 * Raises the events of detractors who wrote no comment within
 * DETRACTOR_WAIT_MS of their answer (answers of the last day; an event
 * raised already, at a comment, is left as it is). Returns how many.
 */
export async function raiseWaitingDetractors(
  db: Queryable,
  workspaceId: string,
  now: Date,
): Promise<number> {
  const waited = instant(new Date(now.getTime() - DETRACTOR_WAIT_MS));
  const since = instant(new Date(now.getTime() - 24 * 3_600_000));
  const rows = await db.rows<{ id: string }>(sql`insert into events
      (workspace_id, id, customer_id, kind, occurred_at, text, properties, sentiment)
    select r.workspace_id, 'survey_detractor:' || r.id, r.customer_id, 'survey_detractor', r.responded_at,
      r.comment, jsonb_build_object('responseId', r.id, 'kind', r.kind, 'score', r.score,
        'themes', '[]'::jsonb, 'language', null), r.sentiment
    from survey_responses r
    where r.workspace_id = ${workspaceId} and r.prompt_id is not null
      and r.responded_at <= ${waited} and r.responded_at > ${since}
      and ${isDetractorSql(sql`r.kind`, sql`r.score`)}
      and not exists (select 1 from events e
        where e.workspace_id = r.workspace_id and e.id = 'survey_detractor:' || r.id)
    on conflict (workspace_id, id) do nothing
    returning id`);
  return rows.length;
}
