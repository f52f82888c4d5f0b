/**
 * How a metric's change splits over the groups of one dimension, exactly:
 * the groups' deltas add up to the whole change (questions.md v2, "explain").
 *
 * - Sums and counts (a measure, or differences of measures): a group's delta
 *   is its value minus its previous value.
 * - A ratio r = s * N / D with N and D sums or counts: with group weights
 *   w = D_g / D, group rates r_g = s * N_g / D_g and bars for the means of
 *   the two ranges, a group's delta is the symmetric rate/mix split
 *     (r_g1 - r_g0) * w̄_g + (w_g1 - w_g0) * (r̄_g - r̄),
 *   which equals s * (N_g1 / D_1 - N_g0 / D_0) - (w_g1 - w_g0) * r̄. Summed
 *   over the groups the second term vanishes (the weights sum to 1 in both
 *   ranges) and the first is s * N_1 / D_1 - s * N_0 / D_0: the whole change.
 *   A group whose rate is the overall rate is booked no mix effect. A group
 *   with no denominator in one range (no rate) gets the same identity's
 *   value, all of it mix: nothing when N_g is 0 too, and its share of the
 *   numerator when it has one (revenue of customers who were not there at
 *   the start). The scale (100 for percentages) multiplies both sides alike.
 * - NPS is 100 * (promoters - detractors) / responses: its numerator is a
 *   difference of counts, itself a sum over the groups (N_g = promoters_g -
 *   detractors_g), so the ratio rule applies as it is. A difference of two
 *   ratios (promoters% - detractors% written that way) splits as the
 *   difference of each ratio's split, which also adds up.
 * - A ratio of two ratios over the same denominator (CLV = ARPU / churn rate,
 *   both over customers at the start) is the ratio of their numerators.
 */
import { QueryError } from "../errors.js";
import { evaluate } from "../metrics/formula.js";
import type { Measures } from "../metrics/query.js";
import type { Formula } from "../metrics/types.js";

/** One group's measures now (`current`) and in the comparison range (`previous`). */
export interface GroupMeasures {
  key: string;
  current: Measures;
  previous: Measures;
}

const linear = (f: Formula): boolean =>
  f.op === "measure" || (f.op === "difference" && linear(f.left) && linear(f.right));

const same = (a: Formula, b: Formula): boolean => JSON.stringify(a) === JSON.stringify(b);

/** ratio(ratio(a, c), ratio(b, c)) is ratio(a, b) with the scales combined; other formulas are kept. */
function simplify(f: Formula): Formula {
  if (
    f.op === "ratio" &&
    f.numerator.op === "ratio" &&
    f.denominator.op === "ratio" &&
    same(f.numerator.denominator, f.denominator.denominator)
  ) {
    return {
      op: "ratio",
      numerator: f.numerator.numerator,
      denominator: f.denominator.numerator,
      scale: (f.scale * f.numerator.scale) / f.denominator.scale,
    };
  }
  return f;
}

/** A sum or count over the measures: never "no data". */
const sumOf = (f: Formula, m: Measures): number => evaluate(f, m) ?? 0;

/**
 * One group's part of the change. `shareOfBase` is the group's weight in the
 * base: for a metric that adds up its previous share of the whole (its share
 * now when the whole was 0 before), for a ratio its mean denominator weight
 * w̄_g. Had every group changed alike, its part would be `shareOfBase` times
 * the whole change. A ratio's part is also given as its rate effect
 * (r_g1 - r_g0) w̄_g and its mix effect (w_g1 - w_g0)(r̄_g - r̄), which add up
 * to it (r̄ the mean of the two whole rates; the Σ(w_g1 - w_g0) r̄ term is 0).
 */
export interface Part {
  delta: number;
  shareOfBase: number;
  rate?: number;
  mix?: number;
}

/** Each group's share of the additive total `f` in the previous range, or now when that was 0. */
function additiveShares(f: Formula, groups: readonly GroupMeasures[]): number[] {
  const before = groups.map((g) => sumOf(f, g.previous));
  const now = groups.map((g) => sumOf(f, g.current));
  const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const [base, whole] = total(before) !== 0 ? [before, total(before)] : [now, total(now)];
  return base.map((b) => (whole === 0 ? 0 : b / whole));
}

/**
 * Each group's part of the change of `formula`, in the order of `groups`;
 * null when the change itself is undefined (no data in one of the ranges).
 */
export function decompose(formula: Formula, groups: readonly GroupMeasures[]): Part[] | null {
  const f = simplify(formula);
  if (linear(f)) {
    const shares = additiveShares(f, groups);
    return groups.map((g, i) => ({
      delta: sumOf(f, g.current) - sumOf(f, g.previous),
      shareOfBase: shares[i]!,
    }));
  }
  if (f.op === "difference") {
    const left = decompose(f.left, groups);
    const right = decompose(f.right, groups);
    // The base of a difference of ratios is that of its first term (they share a denominator in the registry).
    return left && right
      ? left.map((l, i) => ({ delta: l.delta - right[i]!.delta, shareOfBase: l.shareOfBase }))
      : null;
  }
  if (f.op === "ratio" && linear(f.numerator) && linear(f.denominator)) {
    const { numerator: n, denominator: d, scale } = f;
    const d1 = groups.reduce((sum, g) => sum + sumOf(d, g.current), 0);
    const d0 = groups.reduce((sum, g) => sum + sumOf(d, g.previous), 0);
    if (d1 === 0 || d0 === 0) return null;
    const n1 = groups.reduce((sum, g) => sum + sumOf(n, g.current), 0);
    const n0 = groups.reduce((sum, g) => sum + sumOf(n, g.previous), 0);
    const meanRate = (scale * (n1 / d1 + n0 / d0)) / 2;
    return groups.map((g) => {
      const [gn1, gn0] = [sumOf(n, g.current), sumOf(n, g.previous)];
      const [dg1, dg0] = [sumOf(d, g.current), sumOf(d, g.previous)];
      const [w1, w0] = [dg1 / d1, dg0 / d0];
      const shareOfBase = (w0 + w1) / 2;
      // w_g1 r_g1 - w_g0 r_g0 less the mix the group would move at the overall rate.
      const delta = scale * (gn1 / d1 - gn0 / d0) - (w1 - w0) * meanRate;
      // A group with no rate in one range (no denominator) moves the mix only.
      const rate =
        dg1 === 0 || dg0 === 0 ? 0 : ((scale * gn1) / dg1 - (scale * gn0) / dg0) * shareOfBase;
      return { delta, shareOfBase, rate, mix: delta - rate };
    });
  }
  throw new QueryError("This metric's formula cannot be split into its groups' contributions.");
}
