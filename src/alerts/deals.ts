/**
 * Deal events: "notify #sales when a deal is won", "tell me when a deal moves
 * to negotiation", "alert me when a new deal over 10k comes in". A deal row
 * reaches alert_changes when it is new or its stage changed (migration 0021),
 * carrying `previous_stage` and `is_new`. A deal's name usually names the
 * customer ("Café Virtanen"): it is personal data, said only in a direct
 * message that may see it; a channel gets the deal's id, stage, amount and owner.
 */
import { dealStages } from "../../db/schema/data.js";
import { formatValue } from "../answers/format.js";
import { PulseError } from "../errors.js";
import type { EventCondition } from "./types.js";

/** The stages of db/schema/data.ts, with the words people use for them. */
const stageWords: [RegExp, (typeof dealStages)[number]][] = [
  [/^(?:the\s+)?leads?(?:\s+stage)?$/, "lead"],
  [/^(?:the\s+)?qualif(?:ied|ication)(?:\s+stage)?$/, "qualified"],
  [/^(?:the\s+)?(?:proposals?|quote|quoted)(?:\s+stage)?$/, "proposal"],
  [/^(?:the\s+)?negotiat(?:ion|ions|ing)(?:\s+stage)?$/, "negotiation"],
  [/^(?:the\s+)?(?:closed[- ])?won(?:\s+stage)?$/, "won"],
  [/^(?:the\s+)?(?:closed[- ])?lost(?:\s+stage)?$/, "lost"],
];

/** Asked back when a deal rule names a stage Pulse does not know. */
export class DealStageQuestion extends PulseError {
  constructor(word: string) {
    super(
      "query_invalid",
      `Which stage is "${word}"? Deals move through ${dealStages.slice(0, -1).join(", ")} and ${dealStages.at(-1)}: say for example "tell me when a deal moves to negotiation".`,
    );
  }
}

const stageOf = (words: string): (typeof dealStages)[number] | null =>
  stageWords.find(([pattern]) => pattern.test(words.trim()))?.[1] ?? null;

/**
 * The conditions of a deal rule, or null when the text is not about deals.
 * `amount` is read by the caller's number reader ("10k", "€1,000").
 */
export function parseDealEvent(
  text: string,
  amountOf: (text: string) => number | null,
): EventCondition[] | null {
  if (!/\bdeals?\b/.test(text)) return null;
  const conditions: EventCondition[] = [];
  const is = (field: string, value: string | number, op: EventCondition["op"] = "=") =>
    conditions.push({ field, op, value });
  if (/\bnew deals?\b|\bdeals? (?:is |gets |are )?(?:created|opened|added)\b/.test(text))
    is("is_new", "true");
  const won = /\b(?:closed[- ])?won\b|\bwins?\b/;
  const lost = /\b(?:closed[- ])?lost\b|\bloses?\b/;
  const moved =
    /\b(?:moves?|moved|goes|gone|gets|got|enters?|entered|reaches|reached|hits?|advances?|advanced|progresses|is moved|is put)\s+(?:in)?to\s+(?:the\s+)?(?:stage\s+)?([\w-]+(?:\s+stage)?)|\breaches\s+(?:the\s+)?(?:stage\s+)?([\w-]+(?:\s+stage)?)|\b(?:enters|entered)\s+(?:the\s+)?(?:stage\s+)?([\w-]+(?:\s+stage)?)/.exec(
      text,
    );
  if (moved) {
    const word = (moved[1] ?? moved[2] ?? moved[3])!;
    const stage = stageOf(word);
    if (!stage) throw new DealStageQuestion(word.replace(/\s+stage$/, ""));
    is("stage", stage);
  } else if (lost.test(text)) is("stage", "lost");
  else if (won.test(text)) is("stage", "won");
  const amount =
    /\b(?:over|above|more than|greater than|bigger than|larger than|worth more than|of more than|>)\s*([$€£]?\s*-?\d[\d,]*(?:\.\d+)?\s*[km]?)\b/.exec(
      text,
    );
  if (amount) {
    const value = amountOf(amount[1]!);
    if (value !== null) is("amount", value, ">");
  }
  const owner = /\b(?:owned by|of owner|whose owner is|by owner)\s+([\w.-]+)/.exec(text);
  if (owner) is("owner", owner[1]!);
  const source = /\bfrom (?:source\s+)?([\w-]+)\b/.exec(text);
  if (source && !/^(?:a|an|the|stage)$/.test(source[1]!)) is("source", source[1]!);
  return conditions;
}

/** When a deal row happened: a deal that closed (or was created) long before it arrived is a backfill; a stage move without a close date happens now. */
export function dealHappenedAt(row: Record<string, unknown>): string | null {
  const closed = row.stage === "won" || row.stage === "lost" ? row.closed_at : null;
  if (closed) return String(closed);
  return row.is_new === false ? null : String(row.created_at);
}

/** The heading's detail of a deal event; `names` only where personal data may go. */
export function describeDeal(
  row: Record<string, unknown>,
  currency: string,
  names: { allowed: boolean; customer: string | null },
): string {
  const name = names.allowed && typeof row.name === "string" && row.name ? ` "${row.name}"` : "";
  const customer =
    names.allowed && names.customer
      ? ` for ${names.customer}`
      : row.customer_id
        ? ` for customer ${row.customer_id}`
        : "";
  const what =
    row.stage === "won"
      ? "won"
      : row.stage === "lost"
        ? "lost"
        : row.is_new === true
          ? `opened at stage ${row.stage}`
          : `moved to ${row.stage}`;
  const from =
    typeof row.previous_stage === "string" && row.previous_stage
      ? ` (was ${row.previous_stage})`
      : row.is_new === true && (row.stage === "won" || row.stage === "lost")
        ? " (new deal)"
        : "";
  const amount =
    row.amount !== null && row.amount !== undefined
      ? `: ${formatValue(Number(row.amount), "money", currency)}`
      : "";
  const owner = row.owner ? `, owner ${row.owner}` : "";
  const source = row.source ? `, from ${row.source}` : "";
  return `Deal ${row.id}${name}${customer} ${what}${from}${amount}${owner}${source}.`;
}

/** A deal rule's conditions in words: "each deal that reaches stage won, with amount over €10,000". */
export function dealConditionsInWords(conditions: EventCondition[], currency: string): string {
  const stage = conditions.find((c) => c.field === "stage")?.value;
  const fresh = conditions.some((c) => c.field === "is_new");
  const rest = conditions
    .filter((c) => c.field !== "stage" && c.field !== "is_new")
    .map((c) =>
      c.field === "amount" && typeof c.value === "number"
        ? `amount over ${formatValue(c.value, "money", currency)}`
        : `${c.field} ${c.value}`,
    );
  const head = fresh
    ? `each new deal${stage ? ` opened at stage ${stage}` : ""}`
    : stage
      ? `each deal that reaches stage ${stage} (a new deal there, or one moved there)`
      : "each new deal and each deal that changes stage";
  return `${head}${rest.length > 0 ? `, with ${rest.join(" and ")}` : ""}`;
}
