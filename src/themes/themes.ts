/**
 * "What are customers complaining about?": the themes of the negative texts
 * (sentiment below 0) of a range, survey comments and texts of events (social
 * mentions, support tickets) in any language. A theme is one of the five
 * every language shares (delivery, price, support, quality, app: topics.ts);
 * an English text about none of them gives its noun phrases instead
 * ("wrong item"). Each theme comes with how many texts mention it and the
 * most negative of them as an example, in its own language, named.
 */
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import type { QueryContext } from "../metrics/query.js";
import { detectLanguage } from "../sentiment/detect.js";
import { UNRATED_LEAN } from "../sentiment/score.js";
import { phrasesOf } from "./phrases.js";
import { topicIds, topicsOf } from "./topics.js";

export interface Theme {
  /** A shared theme ("delivery") or, for English texts about none, a noun phrase. */
  phrase: string;
  /** Negative texts that mention it. */
  count: number;
  example: string;
  /** ISO 639-1 code of the example's language; null when none of ours. */
  language: string | null;
}

export interface ThemesResult {
  /** Negative texts read. */
  texts: number;
  themes: Theme[];
}

const local = (date: string, timezone: string) =>
  sql`(${date}::date::timestamp at time zone ${timezone})`;

export async function complaintThemes(
  db: Queryable,
  range: { from: string; to: string },
  context: QueryContext,
  limit = 5,
): Promise<ThemesResult> {
  const from = local(range.from, context.timezone);
  const to = local(range.to, context.timezone);
  const rows = await db.rows<{ text: string; sentiment: number | string }>(sql`
    select comment as text, sentiment from survey_responses
      where workspace_id = ${context.workspaceId} and sentiment < ${UNRATED_LEAN} and comment is not null
        and responded_at >= ${from} and responded_at < ${to}
    union all
    select text, sentiment from events
      where workspace_id = ${context.workspaceId} and sentiment < ${UNRATED_LEAN} and text is not null
        and occurred_at >= ${from} and occurred_at < ${to}
    order by sentiment, text`);
  return themesOf(
    rows.map((r) => ({ text: r.text, sentiment: Number(r.sentiment) })),
    limit,
  );
}

/**
 * The themes of negative texts, most frequent first, each with the most
 * negative text about it as the example. `rows` come most negative first.
 */
export function themesOf(
  rows: readonly { text: string; sentiment: number }[],
  limit = 5,
): ThemesResult {
  const byPhrase = new Map<string, Theme & { texts: Set<number> }>();
  rows.forEach((row, index) => {
    const language = detectLanguage(row.text);
    const topics = topicsOf(row.text);
    const phrases = topics.length > 0 ? topics : language === "en" ? phrasesOf(row.text) : [];
    for (const phrase of phrases) {
      const theme = byPhrase.get(phrase);
      // Rows come most negative first, so the first text seen is the example.
      if (theme) {
        theme.count++;
        theme.texts.add(index);
      } else
        byPhrase.set(phrase, {
          phrase,
          count: 1,
          example: row.text,
          language,
          texts: new Set([index]),
        });
    }
  });
  const ranked = [...byPhrase.values()].sort(
    (a, b) =>
      b.count - a.count ||
      b.phrase.split(" ").length - a.phrase.split(" ").length ||
      (a.phrase < b.phrase ? -1 : 1),
  );
  // A phrase only ever said in the texts of a theme already shown ("box" in "wrong item in the
  // box") is the same complaint again, not a theme of its own; the shared themes always count.
  const chosen: (Theme & { texts: Set<number> })[] = [];
  for (const theme of ranked) {
    if (chosen.length >= limit) break;
    const shared = (topicIds as readonly string[]).includes(theme.phrase);
    if (!shared && chosen.some((c) => [...theme.texts].every((t) => c.texts.has(t)))) continue;
    chosen.push(theme);
  }
  const themes = chosen.map(({ phrase, count, example, language }) => ({
    phrase,
    count,
    example,
    language,
  }));
  return { texts: rows.length, themes };
}
