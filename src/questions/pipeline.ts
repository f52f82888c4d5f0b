/**
 * The one question pipeline: plain English in, the typed query out.
 * Deterministic and total: it never throws, and a question it cannot map is
 * `unknown` with suggestions, never a guess presented as fact.
 */
import { interpretationOf, type Query, unknownQuery } from "./query.js";
import type { Interpretation } from "./types.js";
import { analyse, type Mentions, noMentions, normalise, unknownSuggestions } from "./understand.js";

export interface Understood {
  query: Query;
  /** What the question named itself, as opposed to defaults: follow-ups merge on this. */
  mentions: Mentions;
}

/** `today` is the workspace-local date YYYY-MM-DD ("now" of questions.md). */
export function understand(text: string, today: string): Understood {
  const normalised = normalise(typeof text === "string" ? text : "");
  if (normalised === null)
    return { query: unknownQuery(unknownSuggestions("")), mentions: noMentions };
  const { interpretation: core, mentions } = analyse(normalised, today);
  switch (core.intent) {
    case "help":
      return { query: { intent: "help", unused: [] }, mentions };
    case "unknown":
      return { query: unknownQuery(core.suggestions), mentions };
    case "forecast":
      return {
        query: {
          intent: "forecast",
          metric: core.metric!,
          filters: [],
          groupBy: core.groupBy,
          grain: core.grain!,
          horizon: core.horizon!,
          range: { from: core.from!, to: core.to! },
          unused: [],
        },
        mentions,
      };
    case "metric":
      return {
        query: {
          intent: "metric",
          metrics: [core.metric!],
          filters: [],
          groupBy: core.groupBy,
          rank: null,
          grain: core.grain,
          compare: core.compare,
          range: { from: core.from!, to: core.to! },
          unused: [],
        },
        mentions,
      };
  }
}

/** The flat interpretation of questions.md; total over strings (the fuzz test feeds it random inputs). */
export function parseQuestion(text: string, today: string): Interpretation {
  return interpretationOf(understand(text, today).query);
}
