/**
 * Rules on each row as it arrives (alerts.md's `event`): "an order over 1k
 * comes in", "someone signs up on the pro plan", "a customer churns", "a deal
 * over 5k is won", "a deal moves to proposal or negotiation", "a detractor
 * answers". What narrows them ("on the pro plan", "from ads") is read by the
 * question reader, as a question's filters. "A big order" is asked back.
 */
import { dealStages } from "../../../db/schema/data.js";
import type { Filter } from "../../metrics/types.js";
import { understand } from "../../questions/pipeline.js";
import { readNumbers } from "../numbers.js";
import type { EventOn, EventSpec } from "../request.js";
import { utter } from "../utterance.js";
import type { ConditionContext } from "./conditions.js";

export type EventRead = { event: EventSpec } | { problem: string; suggestions: string[] };

const A = String.raw`(?:a|an|any|each|every|one|the first|new|another)`;
const stageNames: [RegExp, string][] = [
  [/\bleads?\b/, "lead"],
  [/\bqualif(?:ied|ication)\b/, "qualified"],
  [/\b(?:proposals?|quote|quoted)\b/, "proposal"],
  [/\bnegotiat(?:ion|ions|ing)\b/, "negotiation"],
  [/\b(?:closed[- ])?won\b|\bwins?\b|\bcloses?\b|\bclosed\b|\bsigned\b/, "won"],
  [/\b(?:closed[- ])?lost\b|\bloses?\b/, "lost"],
];
const stagesIn = (text: string): string[] =>
  dealStages.filter((s) =>
    stageNames.some(([pattern, stage]) => stage === s && pattern.test(text)),
  );

const bigWord =
  /\b(big|large|huge|major|significant|high[- ]value|expensive|important|key|vip|valuable|big-ticket)\b/;

/** Which rows a condition is about, or null when it names none. */
function eventOn(text: string): EventOn | null {
  if (
    /\bdetractors?\b|\b(?:bad|low|poor|negative)\s+(?:nps|csat|ces|score|rating|review|survey)/.test(
      text,
    )
  )
    return "detractor";
  if (/\bdeals?\b/.test(text)) {
    if (
      /\bnew deals?\b|\bdeals? (?:is |gets |are )?(?:created|opened|added|comes? in)\b/.test(text)
    )
      return "deal_new";
    if (
      new RegExp(
        String.raw`\b${A}\s+(?:\w+\s+)?deals?\b|\bdeals?\b.*\b(?:won|lost|closed|moves?|moved|goes|enters?|reaches|hits|signed)\b|\b(?:win|lose|close|sign)\s+(?:a|any)\s+deal`,
      ).test(text)
    )
      return "deal_stage";
    return null;
  }
  if (
    new RegExp(
      String.raw`\b${A}\s+(?:\w+\s+)?(?:orders?|purchases?|sales?)\b|\b(?:someone|somebody|anyone|a customer|customers?)\s+(?:places?|makes?|orders|buys|purchases)\b|\borders? (?:over|above|of more than|bigger than|larger than|worth)\b`,
    ).test(text)
  )
    return "order";
  const who = String.raw`(?:someone|somebody|anyone|anybody|a (?:\w+\s+)?(?:customer|client|user|subscriber|member)|an (?:\w+\s+)?(?:customer|client|user|subscriber|member)|any (?:\w+\s+)?(?:customer|client|user|subscriber)|we)`;
  if (
    new RegExp(
      // Up to four words may say which customer ("on plan enterprise", "from Finland on the pro plan").
      String.raw`\b${who}(?:\s+\S+){0,4}?\s+(?:churns?|cancels?|leaves|quits|unsubscribes|is lost|churned)\b|\bwe lose an? (?:\w+\s+)?(?:customer|client)`,
    ).test(text)
  )
    return "churn";
  if (
    new RegExp(
      String.raw`\b${who}\s+(?:\w+\s+)?(?:signs? up|registers|joins|subscribes|is added)\b|\b${A}\s+(?:\w+\s+)?(?:sign[- ]?ups?|registrations?|customers?|clients?|subscribers?)\b`,
    ).test(text)
  )
    return "signup";
  return null;
}

/** The metric whose dimensions a kind of row has: its filters are read as that metric's. */
const rowsOf: Record<EventOn, string> = {
  order: "orders",
  signup: "new customers",
  churn: "churned customers",
  deal_stage: "pipeline value",
  deal_new: "pipeline value",
  detractor: "nps",
};

/** Words that say the event itself, not what narrows it. */
const eventWords =
  /\b(?:a|an|any|each|every|one|the|first|new|another|someone|somebody|anyone|anybody|we|single|comes?|in|is|are|gets?|placed|places?|makes?|made|created|opened|added|order(?:s|ed)?|purchases?|buys?|sales?|deals?|signs?|signed|up|sign[- ]?ups?|registers?|registrations?|joins?|subscribes?|customers?|clients?|users?|subscribers?|members?|churns?|churned|cancels?|leaves|quits|unsubscribes|lost|loses?|lose|won|wins?|win|closed|closes?|close|moves?|moved|goes|go|enters?|reaches|hits|to|into|stage|or|and|answers?|responds?|responses?|submits?|gives?|detractors?|happens?|arrives?|shows?|appears?|there|ours?|us|with|worth|bad|low|poor|negative|nps|csat|ces|score|rating|review|survey)\b/g;

export function readEvent(text: string, ctx: ConditionContext): EventRead | null {
  const on = eventOn(text);
  if (!on) return null;
  const amount =
    /\b(?:over|above|more than|greater than|bigger than|larger than|worth(?: more than)?|of more than|of at least|at least|>)\s*(?=[$€£\d])/.exec(
      text,
    );
  const number = amount
    ? readNumbers(text.slice(amount.index + amount[0].length)).find((n) => n.start === 0)
    : undefined;
  let rest = text;
  if (amount && number)
    rest = `${text.slice(0, amount.index)} ${text.slice(amount.index + amount[0].length + number.end)}`;
  const big = bigWord.exec(rest);
  if (big && !number && (on === "order" || on === "deal_stage" || on === "deal_new"))
    return {
      problem: `Over what amount is ${on === "order" ? "an order" : "a deal"} ${big[1]}? Say for example "alert me when ${on === "order" ? "an order over 1,000 comes in" : "a deal over 10k is won"}".`,
      suggestions: [],
    };
  if (big && (on === "signup" || on === "churn"))
    return {
      problem: `Which customers are ${big[1]}? Say their plan, for example "alert me when a customer on the pro plan churns".`,
      suggestions: [],
    };
  if (number && number.value < 0)
    return { problem: `An amount cannot be below 0 (${number.text}).`, suggestions: [] };
  const stages = on === "deal_stage" ? stagesIn(rest) : [];
  if (on === "deal_stage" && stages.length === 0)
    return {
      problem: `Which stage should I watch? Deals move through ${dealStages.join(", ")}: say for example "when a deal is won" or "when a deal moves to negotiation".`,
      suggestions: [],
    };
  const narrowing = rest
    .replace(/[,.;:!?]/g, " ")
    .replace(eventWords, " ")
    .replace(/\s+/g, " ")
    .trim();
  let filters: Filter[] = [];
  if (narrowing !== "") {
    const { query } = understand(utter(`${rowsOf[on]} ${narrowing}`), ctx.today, ctx.values);
    if (query.intent === "unknown")
      return {
        problem: query.reason ?? `I do not know what "${narrowing}" means for ${rowsOf[on]}.`,
        suggestions: [],
      };
    if ("filters" in query) filters = [...query.filters].filter((f) => f.dimension !== "stage");
  }
  if (stages.length > 1) filters.push({ dimension: "stage", op: "in", values: stages });
  return {
    event: {
      on,
      minAmount: number ? number.value : null,
      stage: stages.length === 1 ? stages[0]! : null,
      filters,
    },
  };
}
