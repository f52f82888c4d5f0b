/**
 * A list (intent `list`) as text: a first line that restates what was
 * listed and how many there are, then the members. Names are personal data:
 * outside a direct message the channel gets the count only and the members
 * go to the asker's direct messages (the rule of at-risk lists).
 */
import type { ListResult } from "../lists/list.js";
import { getMetric } from "../metrics/registry.js";
import { formatValue, rangeText } from "./format.js";
import { filtersText } from "./restate.js";

/** Members written out in a chat; the JSON carries every row. */
const SHOWN = 25;

export interface ListText {
  /** What the conversation gets. */
  text: string;
  /** The members, for the asker's direct messages when the conversation is shared; null otherwise. */
  personal: string | null;
}

function summary(result: ListResult): string {
  const metric = getMetric(result.metric);
  const filtered = filtersText(result.filters);
  const what = `${result.entity === "deals" ? "Deals" : "Customers"} behind ${metric.label}${filtered ? `, ${filtered},` : ""} in ${rangeText(result.from, result.to)}`;
  const ranked = result.rank
    ? `, ${result.rank.order === "desc" ? "highest" : "lowest"} first${result.rank.limit ? `, top ${result.rank.limit}` : ""}`
    : "";
  return `${what}${ranked}: ${result.total.toLocaleString("en-US")} in all.`;
}

export function listText(
  result: ListResult,
  currency: string,
  where: { isDirect: boolean; mayReceiveDirect: boolean },
): ListText {
  const head = summary(result);
  const members = result.rows.slice(0, SHOWN).map((row, i) => {
    const who = row.name ? `${row.name} (${row.id})` : row.id;
    const value =
      result.unit && row.value !== null ? `: ${formatValue(row.value, result.unit, currency)}` : "";
    return `${i + 1}. ${who}${value}`;
  });
  const more =
    result.rows.length > SHOWN
      ? [`... and ${result.rows.length - SHOWN} more: every row is in the CSV file.`]
      : [];
  const list = [head, ...members, ...more].join("\n");
  if (where.isDirect || result.rows.length === 0) return { text: list, personal: null };
  const note = where.mayReceiveDirect
    ? "Names are personal data, so I sent the list to you in a direct message."
    : "Names are personal data, so the list goes to direct messages only, and you are not allowed to ask there: ask a Pulse admin.";
  return { text: `${head} ${note}`, personal: where.mayReceiveDirect ? list : null };
}
