/**
 * Plans in their usual order, for "a new signup on a plan above basic": the
 * data has no price per plan, so the order is that of the common plan names.
 * A plan name outside this list is asked about, never guessed.
 */
const ORDER = [
  "free",
  "trial",
  "starter",
  "basic",
  "lite",
  "plus",
  "standard",
  "growth",
  "pro",
  "professional",
  "premium",
  "business",
  "enterprise",
] as const;

/** The plan's place in the usual order, or null for a name Pulse cannot place. */
export const planRank = (plan: string): number | null => {
  const i = (ORDER as readonly string[]).indexOf(plan.trim().toLowerCase());
  return i < 0 ? null : i;
};

/** The known plans above `plan`, in order: "plus, standard, ..." (for the confirmation). */
export const plansAbove = (plan: string): string[] => {
  const rank = planRank(plan);
  return rank === null ? [] : ORDER.slice(rank + 1);
};
