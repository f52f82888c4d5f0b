/**
 * How a metric's change splits over the groups of one dimension, exactly:
 * the groups' deltas add up to the whole change (questions.md v2, "explain").
 *
 * - Sums and counts (a measure, or differences of measures): a group's delta
 *   is its value minus its previous value.
 * - A ratio r = s * N / D with N and D sums or counts: with group weights
 *   w = D_g / D and group rates r_g = s * N_g / D_g, a group's delta is the
 *   symmetric rate/mix split
 *     (r_g1 - r_g0) * (w_g0 + w_g1) / 2 + (w_g1 - w_g0) * (r_g0 + r_g1) / 2,
 *   which equals w_g1 r_g1 - w_g0 r_g0 = s * (N_g1 / D_1 - N_g0 / D_0). Summed
 *   over the groups that is s * N_1 / D_1 - s * N_0 / D_0: the whole change.
 *   A group with no denominator in one period (no rate) contributes
 *   s * N_g / D there, the same identity's value: nothing when N_g is 0 too
 *   (a group that appears or vanishes moves the mix only), and its share of the
 *   numerator when it has one (revenue of customers who were not there at the start).
 *   The scale (100 for percentages) multiplies both sides alike.
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
 * Each group's part of the change of `formula`, in the order of `groups`;
 * null when the change itself is undefined (no data in one of the ranges).
 */
export function decompose(formula: Formula, groups: readonly GroupMeasures[]): number[] | null {
  const f = simplify(formula);
  if (linear(f)) return groups.map((g) => sumOf(f, g.current) - sumOf(f, g.previous));
  if (f.op === "difference") {
    const left = decompose(f.left, groups);
    const right = decompose(f.right, groups);
    return left && right ? left.map((l, i) => l - right[i]!) : null;
  }
  if (f.op === "ratio" && linear(f.numerator) && linear(f.denominator)) {
    const { numerator: n, denominator: d, scale } = f;
    const d1 = groups.reduce((sum, g) => sum + sumOf(d, g.current), 0);
    const d0 = groups.reduce((sum, g) => sum + sumOf(d, g.previous), 0);
    if (d1 === 0 || d0 === 0) return null;
    return groups.map((g) => {
      const [n1, n0] = [sumOf(n, g.current), sumOf(n, g.previous)];
      const [dg1, dg0] = [sumOf(d, g.current), sumOf(d, g.previous)];
      if (dg1 === 0 || dg0 === 0) return scale * (n1 / d1 - n0 / d0);
      const [r1, r0] = [(scale * n1) / dg1, (scale * n0) / dg0];
      const [w1, w0] = [dg1 / d1, dg0 / d0];
      return ((r1 - r0) * (w0 + w1)) / 2 + ((w1 - w0) * (r0 + r1)) / 2;
    });
  }
  throw new QueryError("This metric's formula cannot be split into its groups' contributions.");
}
