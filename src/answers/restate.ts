/**
 * What an answer computed, said back in words before the number, so a reply
 * never hides which question it answered: "plan pro, country not FI", "top 3
 * by value", and the words of the question it did not use.
 */
import { dimensions } from "../metrics/dimensions.js";
import type { Filter } from "../metrics/types.js";

/** "plan pro or plus, excluding country FI"; "" when there are none. */
export function filtersText(filters: readonly Filter[]): string {
  return filters
    .map((f) => {
      const label = dimensions[f.dimension].label;
      return f.op === "in"
        ? `${label} ${f.values.join(" or ")}`
        : `excluding ${label} ${f.values.join(", ")}`;
    })
    .join(", ");
}

/** The first line of a reply that left words out: said first, before any number. */
export function unusedText(unused: readonly string[]): string | null {
  if (unused.length === 0) return null;
  const words = unused.map((w) => `"${w}"`).join(", ");
  return `Note: I did not use ${words} from your question.`;
}
