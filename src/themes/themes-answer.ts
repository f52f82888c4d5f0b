/** Complaint themes in words: each phrase with its count and one example. */
import { rangeText } from "../answers/format.js";
import type { InsightAnswer, InsightContext } from "../insights/types.js";
import { languageName } from "../sentiment/languages.js";
import { complaintThemes } from "./themes.js";

export async function themesAnswer(
  ctx: InsightContext,
  range: { from: string; to: string },
): Promise<InsightAnswer> {
  const { workspace } = ctx;
  const period = rangeText(range.from, range.to);
  const result = await complaintThemes(ctx.db, range, {
    workspaceId: workspace.id,
    timezone: workspace.timezone,
  });
  if (result.texts === 0)
    return {
      text: `No negative comments or mentions in ${period}: nothing to complain about, or nothing scored (comments in languages Pulse has no sentiment lexicon for are left out).`,
      chart: null,
    };
  const lines = result.themes.map(
    (t, i) =>
      `${i + 1}. "${t.phrase}": ${t.count} of ${result.texts}, e.g. "${t.example}"${t.language && t.language !== "en" ? ` (${languageName(t.language)})` : ""}`,
  );
  return {
    text: [
      `What customers complained about in ${period}, from ${result.texts} negative comment${result.texts === 1 ? "" : "s"} and mention${result.texts === 1 ? "" : "s"}:`,
      ...lines,
    ].join("\n"),
    chart: {
      kind: "breakdown",
      title: `Complaint themes, ${period}`,
      dimension: "theme",
      unit: "count",
      footnote: "negative comments and mentions about each theme, in any language",
      groups: result.themes.map((t) => ({ key: t.phrase, value: t.count })),
    },
  };
}
